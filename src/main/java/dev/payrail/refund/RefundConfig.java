package dev.payrail.refund;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Refunds the provider settles later. When they are checked is {@code payrail.async.refund-check-*}. */
@ConfigMapping(prefix = "payrail.refunds")
public interface RefundConfig {

    /**
     * How old a pending refund must be before a provider's "no such refund" fails it (releasing its
     * reservation). Younger, the refund POST may still be in flight; a failed status query never fails it.
     */
    @WithDefault("15m")
    Duration absentAfter();
}
