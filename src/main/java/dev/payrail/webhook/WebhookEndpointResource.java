package dev.payrail.webhook;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The merchant's webhook endpoint: where events go, which ones, and the signing secret. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/webhook-endpoint")
@Tag(name = "Webhooks")
public class WebhookEndpointResource {

    private final WebhookEndpointService service;
    private final WebhookTestEvents tests;
    private final CurrentMerchant merchant;

    WebhookEndpointResource(WebhookEndpointService service, WebhookTestEvents tests, CurrentMerchant merchant) {
        this.service = service;
        this.tests = tests;
        this.merchant = merchant;
    }

    @Operation(summary = "The webhook endpoint", description = "Where and which events Payrail delivers to this merchant.")
    @APIResponse(responseCode = "200", description = "The webhook endpoint.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookEndpointView.class)))
    @GET
    public Uni<WebhookEndpointView> get() {
        return service.view(merchant.id());
    }

    @Operation(summary = "Set the webhook endpoint", description = "The URL (checked against private and loopback addresses), the event types ([\"*\"] for all) and whether deliveries are on.")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UpdateWebhookEndpointRequest.class), examples = @ExampleObject(name = "example", value = "{\"url\":\"https://shop.example/payrail/webhooks\",\"enabled_events\":[\"payment.captured\",\"refund.processed\"],\"enabled\":true}")))
    @APIResponse(responseCode = "200", description = "The webhook endpoint.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookEndpointView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @PUT
    public Uni<WebhookEndpointView> put(UpdateWebhookEndpointRequest request) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        boolean enabled = request.enabled() == null || request.enabled();
        return service.update(merchant.id(), request.url(), request.enabledEvents(), enabled);
    }

    /**
     * A new signing secret, shown only in this response. The previous secret keeps signing (next to
     * the new one) until {@code previous_secret_expires_at}, so receivers can switch without loss.
     */
    @Operation(summary = "Rotate the webhook signing secret", description = "A new secret, shown only in this response; the previous one keeps signing until previous_secret_expires_at.")
    @APIResponse(responseCode = "200", description = "The new secret.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "WebhookSecret"), examples = @ExampleObject(name = "example", value = "{\"object\":\"webhook_secret\",\"secret\":\"whsec_Yx2...\",\"previous_secret_expires_at\":\"2026-01-16T10:00:00Z\"}")))
    @POST
    @Path("/rotate-secret")
    public Uni<Map<String, Object>> rotate() {
        return service.rotate(merchant.id()).map(r -> Map.of(
                "object", "webhook_secret", "secret", r.secret(), "previous_secret_expires_at",
                r.previousSecretExpiresAt().toString()));
    }

    /** A {@code webhook.test} event, delivered like any other (signed, retried, in the delivery log). */
    @Operation(summary = "Send a test event", description = "Queues a webhook.test event for the endpoint: it is "
            + "delivered whatever event types the endpoint takes, signed like every other event, retried on the same "
            + "schedule, and each attempt is listed by GET /api/v1/webhook-deliveries?event_id=….")
    @APIResponse(responseCode = "202", description = "The test event is queued for delivery.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "WebhookTest"),
                    examples = @ExampleObject(name = "example",
                    value = "{\"object\":\"webhook_test\",\"event_id\":\"evt_2mQ8sXb1nK4zLp\",\"status\":\"pending\"}")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/test")
    public Uni<Response> test() {
        return tests.send(merchant.id(), "api").map(sent -> Response.accepted(Map.of(
                "object", "webhook_test", "event_id", sent.eventId(), "status", "pending")).build());
    }
}
