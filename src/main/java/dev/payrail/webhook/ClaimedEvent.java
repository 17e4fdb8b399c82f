package dev.payrail.webhook;

import java.time.Instant;

/**
 * An outbox event a dispatcher claimed, with the endpoint it goes to.
 *
 * @param attempt     the number of the attempt about to be made (1 for the first)
 * @param maxAttempts the attempt after which the event is failed
 * @param deliverable false when the merchant has no enabled endpoint for this type (the event is skipped)
 */
public record ClaimedEvent(String id, String merchantId, String type, String payload, Instant createdAt, int attempt,
        int maxAttempts, boolean deliverable, WebhookEndpoint endpoint) {
}
