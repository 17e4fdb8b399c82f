package dev.payrail.health;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Whether Redis answered the last time it was asked (readiness, {@code /health}): the gauge
 * {@code payrail.redis.available} (1 up, 0 down), for an alert that names the outage the
 * readiness probe no longer shows.
 */
@Startup
@Singleton
public class RedisAvailability {

    private final AtomicBoolean up = new AtomicBoolean(true);

    RedisAvailability(MeterRegistry metrics) {
        Gauge.builder("payrail.redis.available", up, u -> u.get() ? 1 : 0)
                .description("1 while Redis answers, 0 while Payrail runs on its PostgreSQL fallback")
                .register(metrics);
    }

    void set(boolean available) {
        up.set(available);
    }

    public boolean available() {
        return up.get();
    }
}
