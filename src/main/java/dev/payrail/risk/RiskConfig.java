package dev.payrail.risk;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Fraud-rule engine settings (per-merchant rule parameters are in {@link RiskSettings}). */
@ConfigMapping(prefix = "payrail.risk")
public interface RiskConfig {

    /**
     * How long the velocity rules wait for Redis before counting in PostgreSQL instead.
     */
    @WithDefault("300ms")
    Duration redisTimeout();

    /** After Redis failed, how long the velocity rules count in PostgreSQL before trying Redis again. */
    @WithDefault("5s")
    Duration redisDownBackoff();
}
