package dev.payrail.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Redis {@code SET}s that nobody reads back at once (the stored responses of idempotent requests) go out
 * inside the next script that leaves this pod and can carry them ({@link RedisScript#carrying}: a key claim,
 * a rate-limit check, the velocity windows), so they cost no round trip of their own. Each {@link #post posted}
 * write waits its own {@link #POST_WAIT_MILLIS} ms for such a script, counted from its own post: one timer
 * follows the oldest write still waiting. When that write's wait is over, it leaves with every write still
 * waiting in one script of their own ({@link #ALONE}). Nobody waits for it: under load every write rides in a
 * later request's script, and a lone one costs its own round trip after its caller has moved on.
 * <p>
 * A write's {@code Uni} completes on its caller's context once the script that carried it has answered, and
 * fails when that script failed (the write may then be in Redis or not). Every script that leaves through
 * {@link #run} applies the writes waiting before its own body, and one naming the key of a write already
 * inside another script waits for that script's answer first, so whatever such a script reads, it reads
 * after every write made before it.
 */
@Singleton
public class CarriedWrites {

    /** The most writes one script carries; more wait for the next. */
    static final int MAX_PER_SCRIPT = 64;

    /** How long a {@link #post posted} write waits for a script to carry it before it leaves on its own. */
    static final long POST_WAIT_MILLIS = 5;

    /** The longest a shutdown waits for the writes still unanswered. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);

    /** The script for writes no other script took: nothing but the carried writes. */
    static final RedisScript ALONE = RedisScript.carrying("return 1\n");

    /**
     * One waiting {@code SET key value PX ttlMillis}, when it was posted ({@link System#nanoTime}), and who to tell
     * once it is in Redis.
     */
    record Write(String key, String value, long ttlMillis, long postedNanos, Context context,
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
    private final AtomicBoolean postTimerSet = new AtomicBoolean();
    /** Held while a script checks what is in flight for its keys and takes the waiting writes. */
    private final Object taking = new Object();
    /** The keys of the writes inside a script that has not answered yet, and that script's answer. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final LoopRedis redis;
    private final Vertx vertx;
    private final Counter carried;
    private final Counter alone;
    private final long postWaitMillis;

    @Inject
    CarriedWrites(LoopRedis redis, Vertx vertx, MeterRegistry registry) {
        this(redis, vertx, registry, POST_WAIT_MILLIS);
    }

    /** With a wait of {@code postWaitMillis} ms instead of {@link #POST_WAIT_MILLIS} (tests that need a long one). */
    CarriedWrites(LoopRedis redis, Vertx vertx, MeterRegistry registry, long postWaitMillis) {
        this.redis = redis;
        this.vertx = vertx;
        this.postWaitMillis = postWaitMillis;
        this.carried = Counter.builder("payrail.redis.carried.writes").tag("by", "other_script")
                .description("Redis writes that went out inside another command's script").register(registry);
        this.alone = Counter.builder("payrail.redis.carried.writes").tag("by", "own_script")
                .description("Redis writes that no other script took, sent in a script of their own")
                .register(registry);
    }

    /**
     * At shutdown (before the Redis client closes), sends the writes still waiting for a carrier and waits up
     * to {@code SHUTDOWN_WAIT} for every write to be answered: the stored responses of the last requests are
     * not left behind. Runs on the shutdown thread, which may wait.
     */
    void flush(@Observes ShutdownEvent event) {
        sendAll();
        CompletableFuture<?>[] answers = inFlight.values().stream().distinct().toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(answers).get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // best effort: what did not land is as if Redis had lost it
        }
    }

    /** Loads the writes' own script at start, so that the first of them does not pay for it (best effort). */
    void loadScript(@Observes StartupEvent event) {
        ALONE.preload(redis, "Carried-writes");
    }

    /**
     * {@code SET key value PX ttl} that nobody waits for: carried by a script that leaves within
     * {@link #POST_WAIT_MILLIS} ms of this post or, failing one, sent then. Completes when it is in Redis; the
     * caller subscribes and goes on.
     */
    public Uni<Void> post(String key, String value, Duration ttl) {
        return Uni.createFrom().emitter(emitter -> {
            waiting.add(new Write(key, value, ttl.toMillis(), System.nanoTime(), Vertx.currentContext(), emitter));
            if (postTimerSet.compareAndSet(false, true)) {
                vertx.setTimer(postWaitMillis, ignored -> waitOver());
            }
        });
    }

    /**
     * The post timer: when the oldest write still waiting has waited its whole wait ({@code postWaitMillis}, which
     * is {@link #POST_WAIT_MILLIS} ms but for tests), every waiting write leaves in one script; when the writes the
     * timer was set for have left inside other scripts, it is set again for the rest of the oldest remaining write's
     * wait. While it is set, a post sets none.
     */
    private void waitOver() {
        Write oldest = waiting.peek();
        long left = oldest == null ? 0
                : oldest.postedNanos() + TimeUnit.MILLISECONDS.toNanos(postWaitMillis) - System.nanoTime();
        if (left > 0) {
            // rounded up: at least 1 ms, and never before the oldest write's wait is over
            vertx.setTimer(TimeUnit.NANOSECONDS.toMillis(left + 999_999), ignored -> waitOver());
            return;
        }
        // Cleared before the writes are taken: a write posted after the take sets a timer of its own.
        postTimerSet.set(false);
        // sendAll runs on any thread; each write hears its answer on its own caller's context
        sendAll();
    }

    /**
     * Runs {@code script} (made with {@link RedisScript#carrying}), carrying the writes that are waiting. When
     * a write to one of its {@code keys} is inside another script that has not answered, it waits for that
     * answer first: the two may go over different connections, and Redis could run this one first.
     */
    public Uni<Response> run(RedisScript script, String[] keys, String... args) {
        if (!script.carries()) {
            throw new IllegalArgumentException("not a carrying script: " + script.sha());
        }
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> before;
            Batch batch = null;
            synchronized (taking) {
                before = inFlightFor(keys);
                if (before == null) {
                    batch = take();
                }
            }
            if (before != null) {
                // It holds no write while it waits, so no two scripts can wait for each other.
                Context caller = Vertx.currentContext();
                return Uni.createFrom().<Void> emitter(e -> before.whenComplete(
                        (ignored, failure) -> VertxContexts.resume(caller, () -> e.complete(null))))
                        .chain(() -> run(script, keys, args));
            }
            if (batch == null) {
                return script.execute(redis, script.command(keys, args, List.of()));
            }
            carried.increment(batch.writes().size());
            Batch taken = batch;
            // Detached: a caller that stops waiting (its own timeout) must not leave the writes it carries
            // without an answer.
            return Detached.run(() -> carry(script, taken, keys, args));
        });
    }

    /** The answer of a script now carrying a write to one of {@code keys}, or {@code null}. */
    private CompletableFuture<Void> inFlightFor(String[] keys) {
        for (String key : keys) {
            CompletableFuture<Void> carrier = inFlight.get(key);
            if (carrier != null) {
                return carrier;
            }
        }
        return null;
    }

    /** The writes no script took: sent in scripts of their own. */
    private void sendAll() {
        for (Batch batch = takeNow(); batch != null; batch = takeNow()) {
            alone.increment(batch.writes().size());
            // each write hears how it went from carry(); nobody else waits for the script
            carry(ALONE, batch, new String[0]).subscribe().with(ignored -> {
            }, ignored -> {
            });
        }
    }

    /** Writes taken by one script, and that script's answer. */
    private record Batch(List<Write> writes, CompletableFuture<Void> answered) {
    }

    /** Runs {@code script} with the writes of {@code batch}, and tells each write how it went. */
    private Uni<Response> carry(RedisScript script, Batch batch, String[] keys, String... args) {
        return script.execute(redis, script.command(keys, args, batch.writes()))
                .invoke(() -> answered(batch, null))
                .onFailure().invoke(failure -> answered(batch, failure));
    }

    private void answered(Batch batch, Throwable failure) {
        for (Write w : batch.writes()) {
            inFlight.remove(w.key(), batch.answered());
        }
        batch.answered().complete(null);
        batch.writes().forEach(w -> w.done(failure));
    }

    /** Whether every write made so far has been answered by Redis: none waits, none is inside a script. */
    public boolean settled() {
        synchronized (taking) {
            return waiting.isEmpty() && inFlight.isEmpty();
        }
    }

    private Batch takeNow() {
        synchronized (taking) {
            return take();
        }
    }

    /**
     * Up to {@link #MAX_PER_SCRIPT} waiting writes, their keys marked in flight until the script that takes
     * them has answered ({@code null}: none waits). Called holding {@link #taking}, by a script about to leave.
     */
    private Batch take() {
        Write first = waiting.poll();
        if (first == null) {
            return null;
        }
        List<Write> writes = new ArrayList<>();
        writes.add(first);
        for (Write w; writes.size() < MAX_PER_SCRIPT && (w = waiting.poll()) != null;) {
            writes.add(w);
        }
        Batch batch = new Batch(writes, new CompletableFuture<>());
        for (Write w : writes) {
            inFlight.put(w.key(), batch.answered());
        }
        return batch;
    }

}
