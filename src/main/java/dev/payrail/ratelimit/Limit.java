package dev.payrail.ratelimit;

import java.time.Duration;

/**
 * A GCRA policy: {@code quota} requests per {@code window} sustained, up to {@code burst} at once.
 * {@code failClosed} limits deny when Redis cannot be asked; the others fall back to a per-pod
 * bucket.
 */
public record Limit(String name, long quota, Duration window, long burst, boolean failClosed) {

    public Limit {
        if (name == null || name.isBlank() || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
            throw new IllegalArgumentException("invalid limit name: " + name);
        }
        if (quota < 1 || burst < 1 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("invalid limit " + name + ": " + quota + "/" + window + " burst " + burst);
        }
    }

    public static Limit of(String name, long quota, Duration window, long burst) {
        return new Limit(name, quota, window, burst, false);
    }

    /** Time between two requests at the sustained rate, in microseconds (at least 1). */
    public long emissionIntervalMicros() {
        return Math.max(1, window.toNanos() / 1000 / quota);
    }

    /** How far ahead of now the bucket may run: {@code burst} emission intervals. */
    public long toleranceMicros() {
        return Math.multiplyExact(emissionIntervalMicros(), burst);
    }

    /** The window in whole seconds, as the {@code w} parameter of {@code RateLimit-Policy}. */
    public long windowSeconds() {
        return Math.max(1, (window.toMillis() + 999) / 1000);
    }
}
