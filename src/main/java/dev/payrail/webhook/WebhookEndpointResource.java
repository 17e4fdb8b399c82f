package dev.payrail.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.merchant.CurrentMerchant;
import dev.payrail.merchant.MerchantService;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;

/** The merchant's webhook endpoint: where events go, which ones, and the signing secret. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/webhook-endpoint")
@Tag(name = "Webhooks")
public class WebhookEndpointResource {

    private final WebhookEndpointStore endpoints;
    private final SsrfGuard guard;
    private final CurrentMerchant merchant;
    private final WebhookConfig config;

    WebhookEndpointResource(WebhookEndpointStore endpoints, SsrfGuard guard, CurrentMerchant merchant,
            WebhookConfig config) {
        this.endpoints = endpoints;
        this.guard = guard;
        this.merchant = merchant;
        this.config = config;
    }

    @Operation(summary = "The webhook endpoint", description = "Where and which events Payrail delivers to this merchant.")
    @APIResponse(responseCode = "200", description = "The webhook endpoint.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookEndpointView.class)))
    @GET
    public Uni<WebhookEndpointView> get() {
        return endpoints.find(merchant.id()).map(e -> WebhookEndpointView.of(e, Instant.now()));
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
        String url = request.url() == null || request.url().isEmpty() ? null : request.url();
        List<String> events = events(request.enabledEvents());
        boolean enabled = request.enabled() == null || request.enabled();
        Uni<Void> check = url == null ? Uni.createFrom().voidItem() : guard.checkRegistration(url)
                .onFailure(SsrfGuard.RefusedException.class)
                .transform(e -> ApiException.badRequest("url refused: " + e.getMessage() + ".", "url"));
        String merchantId = merchant.id();
        return check.chain(() -> endpoints.update(merchantId, url, events, enabled, Instant.now()))
                .map(e -> WebhookEndpointView.of(e, Instant.now()));
    }

    static List<String> events(List<String> requested) {
        if (requested == null || requested.equals(List.of("*"))) {
            return null;
        }
        if (requested.isEmpty() || requested.size() > WebhookEventTypes.ALL.size()) {
            throw ApiException.badRequest("enabled_events lists event types, or [\"*\"] for all.", "enabled_events");
        }
        for (String type : requested) {
            if (type == null || !WebhookEventTypes.ALL.contains(type)) {
                throw ApiException.badRequest("Unknown event type: " + type + ". Known: " + WebhookEventTypes.ALL + ".",
                        "enabled_events");
            }
        }
        return requested.stream().distinct().sorted().toList();
    }

    /**
     * A new signing secret, shown only in this response. The previous secret keeps signing (next to
     * the new one) until {@code previous_secret_expires_at}, so receivers can switch without loss.
     */
    @Operation(summary = "Rotate the webhook signing secret", description = "A new secret, shown only in this response; the previous one keeps signing until previous_secret_expires_at.")
    @APIResponse(responseCode = "200", description = "The new secret.",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = "{\"object\":\"webhook_secret\",\"secret\":\"whsec_Yx2...\",\"previous_secret_expires_at\":\"2026-01-16T10:00:00Z\"}")))
    @POST
    @Path("/rotate-secret")
    public Uni<Map<String, Object>> rotate() {
        String secret = MerchantService.newWebhookSecret();
        Instant now = Instant.now();
        Instant until = now.plus(config.rotationWindow());
        return endpoints.rotate(merchant.id(), secret, until, now).map(e -> Map.of(
                "object", "webhook_secret", "secret", secret, "previous_secret_expires_at", until.toString()));
    }
}
