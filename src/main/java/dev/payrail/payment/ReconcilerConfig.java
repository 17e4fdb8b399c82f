package dev.payrail.payment;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The reconciler of payments whose outcome is unknown. Its whole schedule must end well inside the
 * shortest window in which providers remember our idempotency keys (PayPal: 6 hours).
 */
@ConfigMapping(prefix = "payrail.reconciler")
public interface ReconcilerConfig {

    /** Run the reconciler on this pod. */
    @WithDefault("true")
    boolean enabled();

    /** How often the job looks for due payments (a Quarkus scheduler interval). */
    @WithDefault("10s")
    String every();

    /** Wait after a payment became unknown before the first question to the provider. */
    @WithDefault("PT15S")
    Duration firstDelay();

    /** The waits after each further question; after the last one the reconciler gives up (stays unknown). */
    @WithDefault("PT30S,PT1M,PT2M,PT5M,PT10M,PT15M,PT30M,PT30M,PT1H,PT1H")
    List<Duration> schedule();

    /**
     * A payment still {@code processing} this long after it was created, with no answer stored, was
     * lost by a process that died during the provider call; the reconciler treats it as unknown.
     */
    @WithDefault("PT5M")
    Duration inFlightGrace();

    /**
     * A provider that still has no record of the attempt after this long never got it: the payment
     * failed. Likewise a pending capture or void the provider still reports as merely authorized
     * this long after the payment's last change did not take effect: back to {@code authorized}.
     */
    @WithDefault("PT10M")
    Duration absentAfter();

    /** Payments claimed per run and pod. */
    @WithDefault("50")
    int batchSize();
}
