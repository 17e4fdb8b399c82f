package dev.payrail.payment;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.paypal.PayPalConnector;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Where PayPal sends the payer back after the payer-action page (PayPal checkout approval or card
 * authentication): {@code return_url} and {@code cancel_url} of the order, with PayPal's
 * {@code token} (the order id) appended. The page trusts nothing from the browser: it asks PayPal
 * for the order, authorizes or captures it if approved, and moves the payment accordingly.
 *
 * <p>It lives in the payment package, not with the connector, because it drives the payment
 * state machine: the connector package depends on nothing in the payment package. The paths are
 * the connector's ({@link PayPalConnector#RETURN_PATH}, {@link PayPalConnector#CANCEL_PATH}).
 */
@Path("/paypal")
@Tag(name = "PayPal")
public class PayPalReturnResource {

    private final PaymentStore payments;
    private final PaymentOrchestrator orchestrator;
    private final PayPalConnector connector;

    PayPalReturnResource(PaymentStore payments, PaymentOrchestrator orchestrator, PayPalConnector connector) {
        this.payments = payments;
        this.orchestrator = orchestrator;
        this.connector = connector;
    }

    @Operation(summary = "PayPal payer return page", description = "Where PayPal sends the payer after approval: Payrail completes the payment and shows its status.")
    @APIResponse(responseCode = "200", description = "An HTML page with the payment status.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/return/{paymentId}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> returned(@PathParam("paymentId") String paymentId, @QueryParam("token") String token) {
        return waiting(paymentId, token).chain(p -> connector.completeApproval(p.merchantId(), p.providerReference())
                .chain(result -> settle(p, result)));
    }

    @Operation(summary = "PayPal payer cancel page", description = "Where PayPal sends a payer who cancelled: the payment stays unpaid.")
    @APIResponse(responseCode = "200", description = "An HTML page.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/cancel/{paymentId}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> cancelled(@PathParam("paymentId") String paymentId, @QueryParam("token") String token) {
        // PayPal is still asked: a payer who approved in another tab is not turned into a failure.
        return waiting(paymentId, token).chain(p -> connector.completeApproval(p.merchantId(), p.providerReference())
                .chain(result -> settle(p, result.is(Outcome.REQUIRES_ACTION) || result.is(Outcome.PENDING)
                        ? ConnectorResult.declined(p.providerReference(), "payer_cancelled", null, "The payer cancelled.")
                        : result)));
    }

    private Uni<Payment> waiting(String paymentId, String token) {
        if (paymentId == null || !paymentId.matches("pay_[0-9A-Za-z]{6,40}") || token == null || token.isBlank()) {
            throw ApiException.notFound("payment");
        }
        return payments.findAnyMerchant(paymentId).map(p -> {
            if (p == null || !PayPalConnector.NAME.equals(p.provider()) || p.providerReference() == null
                    || !MessageDigest.isEqual(p.providerReference().getBytes(StandardCharsets.UTF_8),
                            token.getBytes(StandardCharsets.UTF_8))) {
                throw ApiException.notFound("payment");
            }
            if (p.status() != PaymentStatus.REQUIRES_ACTION) {
                throw ApiException.invalidState("payment", p.status().publicName(), "complete the PayPal approval of");
            }
            return p;
        });
    }

    private Uni<String> settle(Payment p, ConnectorResult result) {
        if (result.is(Outcome.SUCCEEDED) || result.is(Outcome.DECLINED)) {
            return orchestrator.completeChallenge(p.id(), p.providerReference(), result.is(Outcome.SUCCEEDED))
                    .map(saved -> page(saved.status().publicName()));
        }
        // Pending, unknown or not sent: the payment stays as it is; the reconciler asks PayPal again.
        return Uni.createFrom().item(page(p.status().publicName()));
    }

    private static String page(String status) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Payrail: PayPal</title></head>
                <body><h1>Thank you</h1><p id="status">Payment status: %s</p>
                <p>You can close this window.</p></body></html>
                """.formatted(status);
    }
}
