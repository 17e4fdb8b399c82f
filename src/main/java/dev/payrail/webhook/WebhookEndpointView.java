package dev.payrail.webhook;

import java.time.Instant;
import java.util.List;

/** The endpoint as the API shows it: never the secret. */
public record WebhookEndpointView(String object, String url, List<String> enabledEvents, boolean enabled,
        String disabledReason, Instant previousSecretExpiresAt, Instant updatedAt) {

    static WebhookEndpointView of(WebhookEndpoint e, Instant now) {
        Instant rotation = e.previousSecretExpiresAt() != null && e.previousSecretExpiresAt().isAfter(now)
                ? e.previousSecretExpiresAt() : null;
        return new WebhookEndpointView("webhook_endpoint", e.url(),
                e.enabledEvents() == null ? List.of("*") : e.enabledEvents(), e.enabled(), e.disabledReason(), rotation,
                e.updatedAt());
    }
}
