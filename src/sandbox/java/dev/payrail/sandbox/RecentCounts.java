package dev.payrail.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How often something happened per key, for the newest {@code capacity} keys (a {@link Recent} of counters):
 * what an emulator counts per payment, order or refund so that a test can assert on its own calls alone.
 */
public final class RecentCounts {

    private final Recent<String, AtomicInteger> counts;

    public RecentCounts(int capacity) {
        this.counts = new Recent<>(capacity);
    }

    /** One more for {@code key}; a {@code null} key counts nothing. */
    public void increment(String key) {
        if (key != null) {
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** The count of {@code key}: 0 when it was never counted or has been forgotten. */
    public int get(String key) {
        AtomicInteger n = key == null ? null : counts.get(key);
        return n == null ? 0 : n.get();
    }

    /** The keys held now. */
    public int size() {
        return counts.size();
    }

    public void clear() {
        counts.clear();
    }
}
