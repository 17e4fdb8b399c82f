package dev.payrail.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "payrail.idempotency")
public interface IdempotencyConfig {

    /** How long a completed response is replayed for the same key. */
    @WithDefault("24h")
    Duration ttl();

    /**
     * How long a claim of a request still running is honoured. A pod that crashes mid-request
     * leaves a claim that expires after this; a retry then resumes from what PostgreSQL knows.
     */
    @WithDefault("30s")
    Duration lockTimeout();

    /** Whether {@code POST /api/v1/payments} requires an {@code Idempotency-Key}. */
    @WithDefault("false")
    boolean requiredOnPayments();

    /** HMAC key of request fingerprints (defaults to the card fingerprint key). */
    String fingerprintKey();
}
