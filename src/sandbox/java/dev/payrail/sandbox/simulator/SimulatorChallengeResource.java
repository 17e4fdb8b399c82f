package dev.payrail.sandbox.simulator;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.money.Currencies;
import dev.payrail.payment.PaymentOrchestrator;
import dev.payrail.payment.PaymentStatus;
import dev.payrail.payment.PaymentStore;
import io.smallrye.mutiny.Uni;

/**
 * The simulated 3-D Secure challenge page behind a simulator payment's {@code next_action}. The
 * token in the URL proves the caller was given the link.
 */
@Path("/simulator/challenge/{id}")
@Tag(name = "Simulator")
public class SimulatorChallengeResource {

    private final PaymentStore payments;
    private final PaymentOrchestrator orchestrator;

    SimulatorChallengeResource(PaymentStore payments, PaymentOrchestrator orchestrator) {
        this.payments = payments;
        this.orchestrator = orchestrator;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> page(@PathParam("id") String id, @QueryParam("token") String token) {
        requireWellFormed(id, token);
        return payments.findAnyMerchant(id).map(p -> {
            if (p == null || p.status() != PaymentStatus.REQUIRES_ACTION || p.nextAction() == null
                    || !String.valueOf(p.nextAction().get("url")).endsWith("?token=" + token)) {
                throw ApiException.notFound("challenge");
            }
            String amount = Currencies.formatMajor(p.amount(), p.currency()) + " " + p.currency();
            return """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>Payrail simulator: authentication</title>
                    <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
                    button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}</style></head>
                    <body><h1>Confirm your payment</h1>
                    <p>Simulated card authentication for a payment of <strong>%s</strong>.</p>
                    <form method="post" action="/simulator/challenge/%s/complete">
                    <input type="hidden" name="token" value="%s">
                    <button name="result" value="approve" id="approve">Approve</button>
                    <button name="result" value="fail" id="fail">Fail</button>
                    </form></body></html>
                    """.formatted(amount, id, token);
        });
    }

    @POST
    @Path("/complete")
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> complete(@PathParam("id") String id, @FormParam("token") String token,
            @FormParam("result") String result) {
        requireWellFormed(id, token);
        if (!"approve".equals(result) && !"fail".equals(result)) {
            throw ApiException.badRequest("result must be approve or fail.", "result");
        }
        return orchestrator.completeChallenge(id, token, "approve".equals(result)).map(p -> """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Payrail simulator</title></head>
                <body><h1>Authentication %s</h1><p id="status">Payment status: %s</p>
                <p>You can close this window.</p></body></html>
                """.formatted("approve".equals(result) ? "approved" : "failed", p.status().publicName()));
    }

    private static void requireWellFormed(String id, String token) {
        if (!id.matches("pay_[0-9A-Za-z]{14,40}") || token == null || !token.matches("[0-9A-Za-z]{24}")) {
            throw ApiException.notFound("challenge");
        }
    }
}
