package dev.payrail.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The same GCRA as the Redis script, in this pod's memory: the fallback when Redis is
 * unreachable. Lock-free (one CAS per check), so it is safe on event-loop threads. With N pods the
 * effective limit is up to N times the configured one, which is the price of staying up.
 */
final class LocalGcra {

    private final ConcurrentHashMap<String, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final int maxBuckets;

    LocalGcra(LongSupplier nanoClock, int maxBuckets) {
        this.nanoClock = nanoClock;
        this.maxBuckets = maxBuckets;
    }

    /** Checks (and with {@code record}, consumes) one request of {@code key} against {@code limit}. */
    Decision check(Limit limit, String key, boolean record) {
        long now = nanoClock.getAsLong() / 1000;
        long interval = limit.emissionIntervalMicros();
        long tolerance = limit.toleranceMicros();
        String id = limit.name() + ":" + key;
        AtomicLong bucket = buckets.get(id);
        if (bucket == null) {
            if (buckets.size() >= maxBuckets) {
                sweep(now);
            }
            bucket = buckets.computeIfAbsent(id, k -> new AtomicLong(Long.MIN_VALUE));
        }
        while (true) {
            long stored = bucket.get();
            long tat = Math.max(stored, now);
            long newTat = tat + interval;
            long allowAt = newTat - tolerance;
            if (now < allowAt) {
                return Decision.of(limit, false, 0, microsToMillis(tat - now), microsToMillis(allowAt - now),
                        Decision.Source.LOCAL);
            }
            if (!record || bucket.compareAndSet(stored, newTat)) {
                return Decision.of(limit, true, (tolerance - (newTat - now)) / interval,
                        microsToMillis(newTat - now), 0, Decision.Source.LOCAL);
            }
        }
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        buckets.values().removeIf(b -> b.get() <= now);
        if (buckets.size() >= maxBuckets) {
            buckets.clear();
        }
    }

    private static long microsToMillis(long micros) {
        return (micros + 999) / 1000;
    }
}
