package dev.payrail.webhook;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.merchant.MerchantService;
import io.smallrye.mutiny.Uni;

/**
 * Changing a merchant's webhook endpoint, for the API ({@link WebhookEndpointResource}) and the
 * dashboard alike: the url is checked by {@link SsrfGuard#checkRegistration} (a refusal is a 400
 * {@link ApiException} on {@code url}), the event types against {@link WebhookEventTypes#ALL}, and a
 * rotation keeps the previous secret signing for {@link WebhookConfig#rotationWindow()}.
 */
@Singleton
public class WebhookEndpointService {

    /** A rotation's answer: the new secret (to be shown once) and until when the previous one still signs. */
    public record Rotated(String secret, Instant previousSecretExpiresAt) {
    }

    private final WebhookEndpointStore endpoints;
    private final SsrfGuard guard;
    private final WebhookConfig config;

    WebhookEndpointService(WebhookEndpointStore endpoints, SsrfGuard guard, WebhookConfig config) {
        this.endpoints = endpoints;
        this.guard = guard;
        this.config = config;
    }

    public Uni<WebhookEndpointView> view(String merchantId) {
        return endpoints.find(merchantId).map(e -> WebhookEndpointView.of(e, Instant.now()));
    }

    /**
     * Sets url ({@code null} or empty: none), event types ({@code null} or {@code ["*"]}: all) and the
     * enabled flag. Bad input fails with a 400 {@link ApiException}.
     */
    public Uni<WebhookEndpointView> update(String merchantId, String url, List<String> requestedEvents, boolean enabled) {
        String target = url == null || url.isEmpty() ? null : url;
        List<String> events;
        try {
            events = events(requestedEvents);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        Uni<Void> check = target == null ? Uni.createFrom().voidItem() : guard.checkRegistration(target)
                .onFailure(SsrfGuard.RefusedException.class)
                .transform(e -> ApiException.badRequest("url refused: " + e.getMessage() + ".", "url"));
        return check.chain(() -> endpoints.update(merchantId, target, events, enabled, Instant.now()))
                .map(e -> WebhookEndpointView.of(e, Instant.now()));
    }

    /** A new signing secret; the previous one keeps signing until the answer's {@code previousSecretExpiresAt}. */
    public Uni<Rotated> rotate(String merchantId) {
        String secret = MerchantService.newWebhookSecret();
        Instant now = Instant.now();
        Instant until = now.plus(config.rotationWindow());
        return endpoints.rotate(merchantId, secret, until, now).map(e -> new Rotated(secret, until));
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
}
