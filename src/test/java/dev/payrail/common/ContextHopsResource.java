package dev.payrail.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Test-only: reads the request-scoped {@link CurrentMerchant} after each kind of asynchronous step Payrail's code
 * takes (a worker thread, Redis, PostgreSQL, a detached subscription, a delay), for {@link ContextHopsTest}. Each
 * reading is the merchant's id or the name of what was thrown instead, and the kind of thread it ran on. Left out
 * of the OpenAPI document, which lists the API a merchant can call.
 */
@Path("/api/v1/test-context-hops")
public class ContextHopsResource {

    private final CurrentMerchant merchant;
    private final LoopRedis redis;
    private final Pool pool;

    ContextHopsResource(CurrentMerchant merchant, LoopRedis redis, Pool pool) {
        this.merchant = merchant;
        this.redis = redis;
        this.pool = pool;
    }

    @GET
    @Operation(hidden = true)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<String>> hops() {
        List<String> readings = new ArrayList<>();
        return Uni.createFrom().item(0)
                .emitOn(Infrastructure.getDefaultWorkerPool()).map(read(readings, "emitOn worker"))
                .chain(ignored -> Uni.createFrom().item(0).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .map(read(readings, "runSubscriptionOn worker"))
                .chain(ignored -> redis.execute("PING")).map(read(readings, "redis"))
                .chain(ignored -> pool.query("SELECT 1").execute()).map(read(readings, "postgres"))
                .chain(ignored -> Detached.run(() -> pool.query("SELECT 1").execute())).map(read(readings, "detached"))
                .chain(ignored -> Uni.createFrom().item(0).onItem().delayIt().by(Duration.ofMillis(5)))
                .map(read(readings, "delay"))
                .replaceWith(readings);
    }

    private <T> Function<T, T> read(List<String> readings, String step) {
        return item -> {
            String reading;
            try {
                reading = merchant.id();
            } catch (RuntimeException e) {
                reading = e.getClass().getSimpleName();
            }
            readings.add(step + ": " + reading + " on " + (Context.isOnEventLoopThread() ? "event loop" : "other thread"));
            return item;
        };
    }
}
