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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The simulated 3-D Secure challenge page behind a simulator payment's {@code next_action}. The
 * token in the URL proves the caller was given the link.
 */
@Path("/simulator/challenge/{id}")
@Tag(name = "Simulator")
public class SimulatorChallengeResource {

    /** The form the challenge page posts (documentation of the request body). */
    public record Answer(String token, String result) {
    }

    private final PaymentStore payments;
    private final PaymentOrchestrator orchestrator;

    SimulatorChallengeResource(PaymentStore payments, PaymentOrchestrator orchestrator) {
        this.payments = payments;
        this.orchestrator = orchestrator;
    }

    @Operation(summary = "The simulator's 3-D Secure page", description = "A payment's next_action.url: an HTML page whose buttons POST the customer's answer; opening it changes nothing.")
    @APIResponse(responseCode = "200", description = "The challenge page.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", ref = "NotFound")
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

    @Operation(summary = "Answer the simulator's 3-D Secure challenge", description = "result=approve completes the payment, result=fail fails it.")
    @RequestBody(required = true, content = @Content(mediaType = "application/x-www-form-urlencoded",
            schema = @Schema(implementation = SimulatorChallengeResource.Answer.class),
            examples = @ExampleObject(name = "approve", value = "token=Qx7...&result=approve")))
    @APIResponse(responseCode = "200", description = "A page with the payment status.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
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
