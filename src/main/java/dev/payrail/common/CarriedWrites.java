package dev.payrail.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Redis {@code SET}s that nobody reads back at once (the stored responses of idempotent requests) go out
 * inside the next script that leaves this pod and can carry them ({@link RedisScript#carrying}: a key claim,
 * a rate-limit check, the velocity windows), so they cost no round trip of their own. Those that no script
 * has taken when the event loop has run the work in hand leave together in one script of their own: no
 * timer, so a lone request waits no longer than before, and under load the writes of every request that
 * finished in the same turn (a {@code WriteBatcher} commit answers several) share one round trip.
 * <p>
 * A write's {@code Uni} completes on its caller's context once the script that carried it has answered,
 * and fails when that script failed (the write may then be in Redis or not). A caller that waits for it
 * therefore still sees its write in Redis before it goes on.
 */
@ApplicationScoped
public class CarriedWrites {

    /** The most writes one script carries; more wait for the next. */
    static final int MAX_PER_SCRIPT = 64;

    /** The script for writes no other script took: nothing but the carried writes. */
    static final RedisScript ALONE = RedisScript.carrying("return 1\n");

    /** One waiting {@code SET key value PX ttlMillis}, and who to tell once it is in Redis. */
    record Write(String key, String value, long ttlMillis, Context context,
            UniEmitter<? super Void> emitter) {

        void done(Throwable failure) {
            VertxContexts.resume(context, () -> {
                if (failure == null) {
                    emitter.complete(null);
                } else {
                    emitter.fail(failure);
                }
            });
        }
    }

    private final ConcurrentLinkedQueue<Write> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sendScheduled = new AtomicBoolean();
    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final Counter carried;
    private final Counter alone;

    CarriedWrites(ReactiveRedisDataSource redis, Vertx vertx, MeterRegistry registry) {
        this.redis = redis;
        this.vertx = vertx;
        this.carried = Counter.builder("payrail.redis.carried.writes").tag("by", "other_script")
                .description("Redis writes that went out inside another command's script").register(registry);
        this.alone = Counter.builder("payrail.redis.carried.writes").tag("by", "own_script")
                .description("Redis writes that no other script took, sent in a script of their own")
                .register(registry);
    }

    /** Loads the writes' own script at start, so that the first of them does not pay for it (best effort). */
    void loadScript(@Observes StartupEvent event) {
        ALONE.preload(redis, "Carried-writes");
    }

    /**
     * {@code SET key value PX ttl}, carried by the next script that leaves or, failing one, sent once the
     * event loop has run what it has in hand. Completes when it is in Redis.
     */
    public Uni<Void> set(String key, String value, Duration ttl) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            waiting.add(new Write(key, value, ttl.toMillis(), caller, emitter));
            if (sendScheduled.compareAndSet(false, true)) {
                (caller != null ? caller : vertx.getOrCreateContext()).runOnContext(ignored -> sendWaiting());
            }
        });
    }

    /** Runs {@code script} (made with {@link RedisScript#carrying}), carrying the writes that are waiting. */
    public Uni<Response> run(RedisScript script, String[] keys, String... args) {
        if (!script.carries()) {
            throw new IllegalArgumentException("not a carrying script: " + script.sha());
        }
        return Uni.createFrom().deferred(() -> {
            List<Write> writes = take();
            if (writes.isEmpty()) {
                return script.execute(redis, script.command(keys, args, writes));
            }
            carried.increment(writes.size());
            // Detached: a caller that stops waiting (its own timeout) must not leave the writes it carries
            // without an answer.
            return Detached.run(() -> carry(script, writes, keys, args));
        });
    }

    /** The writes no script took: sent in scripts of their own. */
    private void sendWaiting() {
        sendScheduled.set(false);
        for (List<Write> writes = take(); !writes.isEmpty(); writes = take()) {
            alone.increment(writes.size());
            // each write hears how it went from carry(); nobody else waits for the script
            carry(ALONE, writes, new String[0]).subscribe().with(ignored -> {
            }, ignored -> {
            });
        }
    }

    /** Runs {@code script} with {@code writes}, and tells each write how it went. */
    private Uni<Response> carry(RedisScript script, List<Write> writes, String[] keys, String... args) {
        return script.execute(redis, script.command(keys, args, writes))
                .invoke(() -> writes.forEach(w -> w.done(null)))
                .onFailure().invoke(failure -> writes.forEach(w -> w.done(failure)));
    }

    private List<Write> take() {
        Write first = waiting.poll();
        if (first == null) {
            return List.of();
        }
        List<Write> writes = new ArrayList<>();
        writes.add(first);
        for (Write w; writes.size() < MAX_PER_SCRIPT && (w = waiting.poll()) != null;) {
            writes.add(w);
        }
        return writes;
    }
}
