package dev.payrail.provider;

import java.time.Instant;
import java.util.List;

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
public record ProviderView(String object, String provider, List<String> methods, List<String> operations,
        boolean configured, boolean enabled, boolean defaultRoute, Integer priority, boolean hasCredentials,
        Health health, Instant updatedAt) {

    /** Breaker state ({@code closed}, {@code open}, {@code half_open}, {@code none}), success rate, p95 latency. */
    public record Health(String circuitBreaker, Double successRate, Long p95LatencyMs, int recentCalls) {

        static Health of(ProviderHealth.Snapshot s) {
            return new Health(s.circuitBreaker(), s.successRate(), s.p95LatencyMs(), s.calls());
        }
    }

    /** The list response of {@code GET /api/v1/providers}. */
    public record Listing(String object, List<ProviderView> data, boolean reorderBySuccessRate) {
    }
}
