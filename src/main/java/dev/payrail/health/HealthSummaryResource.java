package dev.payrail.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /health}: a small JSON summary for simple probes. Kubernetes should use
 * {@code /q/health/ready} and {@code /q/health/live}. PostgreSQL down: {@code 503 DOWN}. Redis down
 * alone: {@code 200 DEGRADED} — payments go on with idempotency in PostgreSQL.
 */
@Path("/health")
@Tag(name = "Operations")
public class HealthSummaryResource {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final RedisAvailability availability;

    HealthSummaryResource(Pool pool, ReactiveRedisDataSource redis, RedisAvailability availability) {
        this.pool = pool;
        this.redis = redis;
        this.availability = availability;
    }

    @Operation(summary = "Health summary", description = "Database, Redis and provider health in one document; 503 when Payrail cannot take payments.")
    @APIResponse(responseCode = "200", description = "Payrail takes payments.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "HealthSummary"), examples = @ExampleObject(name = "example", value = "{\"status\":\"UP\",\"database\":\"UP\",\"redis\":\"UP\",\"timestamp\":\"2026-01-15T10:00:00Z\"}")))
    @APIResponse(responseCode = "503", description = "Payrail cannot take payments now.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "HealthSummary"), examples = @ExampleObject(name = "example", value = "{\"status\":\"DOWN\",\"database\":\"DOWN\",\"redis\":\"UP\",\"timestamp\":\"2026-01-15T10:00:00Z\"}")))
    @GET
    public Uni<Response> summary() {
        Uni<Boolean> database = pool.query("SELECT 1").execute().map(rows -> true);
        Uni<Boolean> cache = redis.execute("PING").map(reply -> true);
        return Uni.combine().all().unis(guard(database), guard(cache)).asTuple().map(t -> {
            boolean databaseUp = t.getItem1();
            boolean redisUp = t.getItem2();
            availability.set(redisUp);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", !databaseUp ? "DOWN" : redisUp ? "UP" : "DEGRADED");
            body.put("database", databaseUp ? "UP" : "DOWN");
            body.put("redis", redisUp ? "UP" : "DOWN");
            body.put("timestamp", Instant.now().toString());
            return Response.status(databaseUp ? 200 : 503).entity(body).build();
        });
    }

    private static Uni<Boolean> guard(Uni<Boolean> check) {
        return check.ifNoItem().after(CHECK_TIMEOUT).fail().onFailure().recoverWithItem(false);
    }
}
