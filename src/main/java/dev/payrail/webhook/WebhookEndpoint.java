package dev.payrail.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A merchant's webhook endpoint. {@code secret} and {@code previousSecret} are in plaintext here
 * (opened); they are sealed in the database.
 *
 * @param enabledEvents {@code null} for every event type
 */
public record WebhookEndpoint(String merchantId, String url, List<String> enabledEvents, boolean enabled,
        String disabledReason, String secret, String previousSecret, Instant previousSecretExpiresAt,
        Instant updatedAt) {

    /** The secrets that sign a delivery at {@code now}: the current one first, then the previous one during rotation. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    public boolean configured() {
        return url != null && !url.isEmpty();
    }
}
