package dev.payrail.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbound webhooks: delivery, retries, SSRF policy and secret storage. */
@ConfigMapping(prefix = "payrail.webhook")
public interface WebhookConfig {

    /**
     * AES-256 key (base64 of 32 bytes) that seals webhook signing secrets at rest. Production has
     * no default: set {@code PAYRAIL_WEBHOOK_SECRET_KEY}.
     */
    String secretKey();

    /** Whether the dispatcher runs in this process (any number of pods may run it). */
    @WithDefault("true")
    boolean dispatcherEnabled();

    /** How often the dispatcher polls the outbox. */
    @WithDefault("1s")
    String pollInterval();

    /** Events claimed per poll at most. */
    @WithDefault("100")
    int batchSize();

    /** Deliveries in flight per process at most. */
    @WithDefault("64")
    int maxInFlight();

    /** Deliveries in flight per endpoint and process at most, so one slow merchant cannot take them all. */
    @WithDefault("4")
    int perEndpointConcurrency();

    /**
     * Delays before the 2nd, 3rd, ... attempt; the number of attempts is its size plus one. The
     * default gives 5 attempts over about two and a half hours.
     */
    @WithDefault("5s,5m,30m,2h")
    List<Duration> retrySchedule();

    /** Random spread of each retry delay, as a fraction (0.2 = ±20 %). */
    @WithDefault("0.2")
    double jitter();

    /** Longest {@code Retry-After} honoured. */
    @WithDefault("24h")
    Duration maxRetryAfter();

    /** Timeout of one delivery request (connect + response). */
    @WithDefault("10s")
    Duration timeout();

    /**
     * How long a claimed event stays invisible to other dispatchers; a dispatcher that dies mid-way
     * loses its claims after this and another pod delivers them again. Longer than {@link #timeout()}.
     */
    @WithDefault("60s")
    Duration claimLease();

    /** How long the previous secret keeps signing after a rotation. */
    @WithDefault("24h")
    Duration rotationWindow();

    /** Characters of the receiver's response body kept in the delivery log. */
    @WithDefault("1024")
    int responseBodyLimit();

    /** Allow loopback targets (127.0.0.0/8, ::1, localhost). Only for dev, test and sandbox. */
    @WithDefault("false")
    boolean allowLoopback();

    /** Further address ranges (CIDR) allowed although private, e.g. {@code 10.20.0.0/16}. Empty in production. */
    Optional<List<String>> allowCidrs();
}
