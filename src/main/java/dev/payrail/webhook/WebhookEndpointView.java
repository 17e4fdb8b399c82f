package dev.payrail.webhook;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The endpoint as the API shows it: never the secret. */
@Schema(example = WebhookEndpointView.EXAMPLE)
public record WebhookEndpointView(String object, String url, List<String> enabledEvents, boolean enabled,
        String disabledReason, Instant previousSecretExpiresAt, Instant updatedAt) {

    /** An example for the OpenAPI document. */
    static final String EXAMPLE = "{\"object\":\"webhook_endpoint\",\"url\":\"https://hooks.acme.example/payrail\",\"enabled_events\":[\"*\"],\"enabled\":true,\"updated_at\":\"2026-01-15T10:00:00Z\"}";


    static WebhookEndpointView of(WebhookEndpoint e, Instant now) {
        Instant rotation = e.previousSecretExpiresAt() != null && e.previousSecretExpiresAt().isAfter(now)
                ? e.previousSecretExpiresAt() : null;
        return new WebhookEndpointView("webhook_endpoint", e.url(),
                e.enabledEvents() == null ? List.of("*") : e.enabledEvents(), e.enabled(), e.disabledReason(), rotation,
                e.updatedAt());
    }
}
