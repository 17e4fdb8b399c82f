package dev.payrail.common;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values kept per key for a while: what the payment path reads of a merchant's rarely changing
 * settings. A change made on this pod {@link #forget forgets} its key at once; the other pods of a
 * deployment see it when their entry expires, within the TTL ({@code 0}: nothing is kept). A read that
 * raced a change made here is answered but not kept: take a {@link #ticket} before reading, hand it to
 * {@link #keep}.
 */
public final class TtlCache<V> {

    /** Taken before a read: the changes seen so far, and when a value read now expires. */
    public record Ticket(long generation, long expiresAtNanos) {
    }

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Changes made on this pod so far. */
    private final AtomicLong changes = new AtomicLong();

    public TtlCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** The value kept for {@code key}, or {@code null} when there is none or it expired. */
    public V get(String key) {
        Entry<V> e = entries.get(key);
        return e != null && System.nanoTime() - e.expiresAtNanos() < 0 ? e.value() : null;
    }

    public Ticket ticket() {
        return new Ticket(changes.get(), System.nanoTime() + ttlNanos);
    }

    /** Keeps what a read that took {@code ticket} found, unless a change was made here since. */
    public void keep(String key, V value, Ticket ticket) {
        if (ttlNanos > 0 && changes.get() == ticket.generation()) {
            entries.put(key, new Entry<>(value, ticket.expiresAtNanos()));
        }
    }

    /** {@code key} changed on this pod: its next read goes to the source. */
    public void forget(String key) {
        changes.incrementAndGet();
        entries.remove(key);
    }

    /** Everything may have changed on this pod. */
    public void clear() {
        changes.incrementAndGet();
        entries.clear();
    }
}
