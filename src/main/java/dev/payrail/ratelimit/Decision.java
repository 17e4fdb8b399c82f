package dev.payrail.ratelimit;

/**
 * The outcome of one rate-limit check.
 *
 * @param allowed whether the request may proceed
 * @param limit the limit's name, as in the headers ({@code merchant}, {@code auth_failure}, ...)
 * @param quota requests per window
 * @param windowSeconds the window in seconds
 * @param remaining requests that could be made right now (may exceed {@code quota} when the
 *        burst is larger than the quota and the caller was idle)
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds when rejected, seconds until a request would be allowed (at least 1);
 *        0 when allowed
 * @param source where the answer came from
 */
public record Decision(boolean allowed, String limit, long quota, long windowSeconds, long remaining,
        long resetSeconds, long retryAfterSeconds, Source source) {

    public enum Source {
        /** The shared bucket in Redis. */
        REDIS,
        /** Redis was unreachable: the per-pod fallback bucket. */
        LOCAL,
        /** Redis was unreachable and the limit fails closed: denied without a bucket. */
        UNAVAILABLE
    }

    /** Builds a decision from GCRA outputs in milliseconds. */
    static Decision of(Limit limit, boolean allowed, long remaining, long resetAfterMs, long retryAfterMs, Source source) {
        return new Decision(allowed, limit.name(), limit.quota(), limit.windowSeconds(), Math.max(0, remaining),
                ceilSeconds(resetAfterMs), allowed ? 0 : Math.max(1, ceilSeconds(retryAfterMs)), source);
    }

    static long ceilSeconds(long millis) {
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /** {@code RateLimit-Policy} value (draft-ietf-httpapi-ratelimit-headers): {@code "merchant";q=100;w=1}. */
    public String policyHeader() {
        return '"' + limit + "\";q=" + quota + ";w=" + windowSeconds;
    }

    /** {@code RateLimit} value: {@code "merchant";r=42;t=1}. */
    public String rateLimitHeader() {
        return '"' + limit + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
