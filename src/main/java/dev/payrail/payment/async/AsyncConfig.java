package dev.payrail.payment.async;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Asynchronous payment processing and the settlement of refunds the provider finishes later. */
@ConfigMapping(prefix = "payrail.async")
public interface AsyncConfig {

    /** Whether this process runs the workers (any number of pods may). */
    @WithDefault("true")
    boolean enabled();

    /** How often the workers look for due jobs. */
    @WithDefault("1s")
    String pollInterval();

    /** Jobs claimed per poll. */
    @WithDefault("20")
    int batchSize();

    /** How long a claimed job is invisible to other workers; a worker that died loses its claim after this. */
    @WithDefault("60s")
    Duration lease();

    /** First back-off after a failed job run; doubles with each attempt. */
    @WithDefault("5s")
    Duration retryDelay();

    /** Age of a pending refund before the settler first asks the provider again. */
    @WithDefault("60s")
    Duration refundCheckAfter();

    /** First interval between refund checks; doubles with each check (capped at 256 times). */
    @WithDefault("60s")
    Duration refundCheckInterval();
}
