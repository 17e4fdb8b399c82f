package dev.payrail.webhook;

import java.util.List;

/**
 * {@code PUT /api/v1/webhook-endpoint}: the whole endpoint.
 *
 * @param url           the receiver; {@code null} or empty removes the endpoint
 * @param enabledEvents event types to deliver; absent or {@code ["*"]} for all
 * @param enabled       {@code false} pauses deliveries (events meanwhile are not delivered); default true
 */
public record UpdateWebhookEndpointRequest(String url, List<String> enabledEvents, Boolean enabled) {
}
