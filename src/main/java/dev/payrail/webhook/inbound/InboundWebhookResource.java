package dev.payrail.webhook.inbound;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.PaymentConnector;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Provider webhooks. The body is taken as raw bytes (signatures are over them) and nothing parses
 * it before the connector has verified it. The URL names the provider account the event is for,
 * and only that account's secret is tried: {@code /webhooks/{provider}} is the platform's
 * configured account, {@code /webhooks/{provider}/{merchantId}} a merchant's own account (the URL
 * the merchant registers at its provider). {@code 200} once the event is stored; {@code 401} for a
 * bad signature and {@code 404} for an unknown provider, with nothing stored. A provider that wants a
 * particular acknowledgement ({@link PaymentConnector#webhookAcknowledgement()}) gets it as plain text.
 */
@Path("/webhooks/{provider}")
@Tag(name = "Provider webhooks")
public class InboundWebhookResource {

    private final InboundWebhookService service;
    private final ConnectorRegistry connectors;

    InboundWebhookResource(InboundWebhookService service, ConnectorRegistry connectors) {
        this.service = service;
        this.connectors = connectors;
    }

    /** For the platform's configured provider account. */
    @Operation(summary = "Receive a provider's webhook", description = "Events from Stripe, PayPal, Razorpay, Airwallex or the simulator, verified with the provider's signature.")
    @RequestBody(description = "The provider's event, as it sent it.", required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = byte[].class), examples = @ExampleObject(name = "example", value = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_123\"}}}")))
    @APIResponse(responseCode = "200", description = "Received.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "InboundReceipt"), examples = @ExampleObject(name = "example", value = "{\"received\":true,\"event_id\":\"evt_1\",\"duplicate\":false,\"status\":\"processed\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(@PathParam("provider") String provider, @Context HttpHeaders headers,
            byte[] body) {
        return receive(provider, EventAccount.platform(), headers, body);
    }

    /** For a merchant's own provider account: only the secret that merchant stored is tried. */
    @Operation(summary = "Receive a provider's webhook for one merchant's account", description = "As above, verified with the merchant's own webhook secret.")
    @RequestBody(description = "The provider's event, as it sent it.", required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = byte[].class), examples = @ExampleObject(name = "example", value = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_123\"}}}")))
    @APIResponse(responseCode = "200", description = "Received.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "InboundReceipt"), examples = @ExampleObject(name = "example", value = "{\"received\":true,\"event_id\":\"evt_1\",\"duplicate\":false,\"status\":\"processed\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Path("/{merchantId}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receiveForMerchant(@PathParam("provider") String provider,
            @PathParam("merchantId") String merchantId, @Context HttpHeaders headers, byte[] body) {
        if (merchantId == null || !merchantId.matches("mer_[A-Za-z0-9]{1,36}")) {
            throw ApiException.notFound("merchant");
        }
        return receive(provider, EventAccount.merchant(merchantId), headers, body);
    }

    private Uni<Response> receive(String provider, EventAccount account, HttpHeaders headers, byte[] body) {
        Map<String, String> lower = new HashMap<>();
        for (Map.Entry<String, List<String>> h : headers.getRequestHeaders().entrySet()) {
            lower.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
        }
        PaymentConnector connector = connectors.get(provider);
        java.util.Optional<String> acknowledgement = connector == null ? java.util.Optional.empty()
                : connector.webhookAcknowledgement();
        return service.receive(provider, account, lower, body == null ? new byte[0] : body).map(r -> acknowledgement
                .map(text -> Response.ok(text, MediaType.TEXT_PLAIN_TYPE))
                .orElseGet(() -> Response.ok(Map.of("received", true, "event_id", r.eventId(), "duplicate",
                        r.duplicate(), "status", r.status()), MediaType.APPLICATION_JSON_TYPE))
                .build());
    }
}
