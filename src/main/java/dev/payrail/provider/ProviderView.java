package dev.payrail.provider;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.payrail.connector.ProviderHealth;

/**
 * A provider as a merchant sees it: whether and in which order it is used, whether credentials
 * are stored (never the credentials), the operations it offers ({@code authorize},
 * {@code partial_capture}, {@code void}, …), and its live health. {@code enabled}: a payment of this
 * merchant can go to it (naming it in {@code provider}, or by routing); {@code defaultRoute}: it is
 * also tried for payments that name no provider.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(example = ProviderView.EXAMPLE)
public record ProviderView(String object, String provider, List<String> methods, List<String> operations,
        boolean configured, boolean enabled, boolean defaultRoute, Integer priority, boolean hasCredentials,
        Health health, Instant updatedAt) {

    /** An example for the OpenAPI document. */
    static final String EXAMPLE = "{\"object\":\"provider\",\"provider\":\"stripe\",\"methods\":[\"card\"],\"operations\":[\"authorize\",\"capture\",\"partial_capture\",\"void\",\"refund\",\"partial_refund\",\"payment_status\",\"refund_status\"],\"configured\":true,\"enabled\":true,\"default_route\":true,\"priority\":1,\"has_credentials\":true,\"health\":{\"circuit_breaker\":\"closed\",\"success_rate\":0.99,\"p95_latency_ms\":420,\"recent_calls\":120},\"updated_at\":\"2026-01-15T10:00:00Z\"}";

    /** Breaker state ({@code closed}, {@code open}, {@code half_open}, {@code none}), success rate, p95 latency. */
    public record Health(String circuitBreaker, Double successRate, Long p95LatencyMs, int recentCalls) {

        static Health of(ProviderHealth.Snapshot s) {
            return new Health(s.circuitBreaker(), s.successRate(), s.p95LatencyMs(), s.calls());
        }
    }

    /** The list response of {@code GET /api/v1/providers}. */
    @Schema(example = Listing.LISTING_EXAMPLE)
    public record Listing(String object, List<ProviderView> data, boolean reorderBySuccessRate) {

        /** An example for the OpenAPI document. */
        static final String LISTING_EXAMPLE = "{\"object\":\"list\",\"data\":[{\"object\":\"provider\",\"provider\":\"stripe\",\"methods\":[\"card\"],\"operations\":[\"authorize\",\"capture\",\"partial_capture\",\"void\",\"refund\",\"partial_refund\",\"payment_status\",\"refund_status\"],\"configured\":true,\"enabled\":true,\"default_route\":true,\"priority\":1,\"has_credentials\":true,\"health\":{\"circuit_breaker\":\"closed\",\"success_rate\":0.99,\"p95_latency_ms\":420,\"recent_calls\":120},\"updated_at\":\"2026-01-15T10:00:00Z\"}],\"reorder_by_success_rate\":false}";

    }
}
