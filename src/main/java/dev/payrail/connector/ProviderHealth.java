package dev.payrail.connector;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import jakarta.inject.Singleton;

import dev.payrail.common.MeterCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Live health of each provider as this pod sees it: the outcomes and latencies of the last
 * {@value #WINDOW} calls (a lock-free ring), and the state of the provider's circuit breaker, whose
 * name is the provider's name by convention.
 */
@Singleton
public class ProviderHealth {

    static final int WINDOW = 200;
    private static final long SUCCESS_BIT = 1L << 62;

    private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();
    private final CircuitBreakerMaintenance breakers;
    private final MeterCache<CallKind, Timer> calls;

    /** The tags of one provider-call timer. */
    private record CallKind(String provider, String operation, Outcome outcome) {
    }

    ProviderHealth(CircuitBreakerMaintenance breakers, MeterRegistry metrics) {
        this.breakers = breakers;
        this.calls = new MeterCache<>(kind -> Timer.builder("payrail.connector.calls")
                .description("Provider calls by provider, operation and outcome").tag("provider", kind.provider())
                .tag("operation", kind.operation()).tag("outcome", kind.outcome().name().toLowerCase())
                .register(metrics));
    }

    /** One call's outcome. A call succeeded when the provider gave a usable, non-declining answer. */
    public void record(String provider, String operation, Outcome outcome, long latencyMillis) {
        boolean success = outcome == Outcome.SUCCEEDED || outcome == Outcome.PENDING || outcome == Outcome.REQUIRES_ACTION;
        rings.computeIfAbsent(provider, p -> new Ring()).add(success, latencyMillis);
        calls.get(new CallKind(provider, operation, outcome)).record(latencyMillis, TimeUnit.MILLISECONDS);
    }

    /** The health of one provider. */
    public record Snapshot(String circuitBreaker, Double successRate, Long p95LatencyMs, int calls) {
    }

    public Snapshot snapshot(String provider) {
        Ring ring = rings.get(provider);
        String breaker = breakerState(provider);
        if (ring == null) {
            return new Snapshot(breaker, null, null, 0);
        }
        long[] entries = ring.entries();
        if (entries.length == 0) {
            return new Snapshot(breaker, null, null, 0);
        }
        long[] latencies = new long[entries.length];
        int ok = 0;
        for (int i = 0; i < entries.length; i++) {
            if ((entries[i] & SUCCESS_BIT) != 0) {
                ok++;
            }
            latencies[i] = entries[i] & ~SUCCESS_BIT;
        }
        Arrays.sort(latencies);
        long p95 = latencies[Math.max(0, (int) Math.ceil(latencies.length * 0.95) - 1)];
        return new Snapshot(breaker, Math.round(1000.0 * ok / entries.length) / 1000.0, p95, entries.length);
    }

    /** Recent success rate, or {@code fallback} when the provider has not been called yet. */
    public double successRate(String provider, double fallback) {
        Snapshot s = snapshot(provider);
        return s.successRate() == null ? fallback : s.successRate();
    }

    /** {@code closed}, {@code open}, {@code half_open}, or {@code none} when the provider has no breaker. */
    public String breakerState(String provider) {
        try {
            CircuitBreakerState state = breakers.currentState(provider);
            return state.name().toLowerCase();
        } catch (IllegalArgumentException e) {
            return "none";
        }
    }

    private static final class Ring {
        private final AtomicLongArray slots = new AtomicLongArray(WINDOW);
        private final AtomicLong next = new AtomicLong();

        void add(boolean success, long latency) {
            long value = Math.max(0, Math.min(latency, (1L << 61) - 1)) | (success ? SUCCESS_BIT : 0);
            long i = next.getAndIncrement();
            slots.set((int) (i % WINDOW), value | 1L << 61);
        }

        long[] entries() {
            int n = (int) Math.min(next.get(), WINDOW);
            long[] out = new long[n];
            int k = 0;
            for (int i = 0; i < WINDOW && k < n; i++) {
                long v = slots.get(i);
                if ((v & 1L << 61) != 0) {
                    out[k++] = v & ~(1L << 61);
                }
            }
            return Arrays.copyOf(out, k);
        }
    }
}
