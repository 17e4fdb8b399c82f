package dev.payrail.health;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Redis in readiness, as it matters for serving: reported, never a reason to leave the Service.
 * Idempotency falls back to PostgreSQL and rate limits to per-pod buckets while Redis is down, so the pod
 * still serves payments; a readiness that went DOWN would take every pod out at once for a failure
 * the gateway tolerates. The check is UP with {@code redis: DOWN} and the fallback in its data, and
 * {@link RedisAvailability} exposes the state as the metric {@code payrail.redis.available}.
 * PostgreSQL keeps its own check (the reactive client's), which does take the pod out.
 */
@Readiness
@Singleton
public class RedisReadiness implements AsyncHealthCheck {

    static final String NAME = "Redis (idempotency, rate limits; PostgreSQL fallback)";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;
    private final RedisAvailability availability;

    RedisReadiness(ReactiveRedisDataSource redis, RedisAvailability availability) {
        this.redis = redis;
        this.availability = availability;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING").map(reply -> true)
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(false)
                .map(up -> {
                    availability.set(up);
                    var response = HealthCheckResponse.named(NAME).up().withData("redis", up ? "UP" : "DOWN");
                    if (!up) {
                        response.withData("fallback", "idempotency in PostgreSQL, rate limits per pod");
                    }
                    return response.build();
                });
    }
}
