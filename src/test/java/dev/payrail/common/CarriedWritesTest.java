package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.support.RedisMonitor;
import dev.payrail.support.TestEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Writes nobody reads back at once ride inside the next script that leaves within a few milliseconds, or leave
 * together in one script of their own after them; each completes only when Redis has answered.
 */
@QuarkusTest
class CarriedWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration TTL = Duration.ofMinutes(2);

    /** A carrying script whose body reports what it sees: its KEYS and ARGV counts, KEYS[1]'s value, ARGV[1]. */
    private static final RedisScript PROBE = RedisScript.carrying(
            "return {#KEYS, #ARGV, redis.call('GET', KEYS[1]), ARGV[1]}\n");

    /** A carrying script that fails: INCR of a key holding text. */
    private static final RedisScript FAILS = RedisScript.carrying("return redis.call('INCR', KEYS[1])\n");

    @Inject
    CarriedWrites writes;
    @Inject
    LoopRedis redis;
    @Inject
    Vertx vertx;

    private final String base = TestEnvironment.REDIS_PREFIX + "carried-test:" + System.nanoTime() + ":";

    @AfterEach
    void deleteOwnKeys() {
        List<String> keys = new ArrayList<>();
        redis.execute("KEYS", base + "*").await().atMost(WAIT).forEach(k -> keys.add(k.toString()));
        if (!keys.isEmpty()) {
            redis.execute("DEL", keys.toArray(String[]::new)).await().atMost(WAIT);
        }
    }

    @BeforeEach
    void loadScripts() {
        // Loaded beforehand, so that MONITOR sees each script's one EVALSHA and not a NOSCRIPT refusal first.
        PROBE.load(redis).await().atMost(WAIT);
        FAILS.load(redis).await().atMost(WAIT);
    }

    /** Runs {@code work} as one task of an event loop, as a request's code runs. */
    private void inOneTurn(Runnable work) throws Exception {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            try {
                work.run();
                ran.complete(null);
            } catch (RuntimeException e) {
                ran.completeExceptionally(e);
            }
        });
        ran.get(5, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Void> started(Uni<Void> write) {
        return write.subscribeAsCompletionStage();
    }

    private String value(String key) {
        Response r = redis.execute("GET", key).await().atMost(WAIT);
        return r == null ? null : r.toString();
    }

    private long ttl(String key) {
        return redis.execute("PTTL", key).await().atMost(WAIT).toLong();
    }

    @Test
    void writesNoScriptTakesLeaveTogetherInOneScriptOfTheirOwnAndCompleteOnceInRedis() throws Exception {
        String a = base + "a", b = base + "b";
        List<CompletableFuture<Void>> done = new ArrayList<>();
        List<String> commands = RedisMonitor.record(base, () -> {
            inOneTurn(() -> {
                done.add(started(writes.post(a, "first", TTL)));
                done.add(started(writes.post(b, "second", TTL)));
            });
            for (CompletableFuture<Void> d : done) {
                d.get(5, TimeUnit.SECONDS);
            }
        });
        assertEquals(1, commands.size(), "one round trip for both writes: " + commands);
        assertTrue(commands.get(0).toLowerCase().startsWith("evalsha " + CarriedWrites.ALONE.sha()) && commands.get(0)
                .contains(a) && commands.get(0).contains(b), "both in the writes' own script: " + commands);
        assertEquals("first", value(a));
        assertEquals("second", value(b));
        assertTrue(ttl(a) > 0 && ttl(a) <= TTL.toMillis(), "expires with its time to live: " + ttl(a));
    }

    @Test
    void aScriptLeavingInTheSameTurnCarriesTheWaitingWritesAppliedBeforeItsBody() throws Exception {
        String a = base + "a", b = base + "b", own = base + "own";
        List<CompletableFuture<Void>> done = new ArrayList<>();
        CompletableFuture<Response> reply = new CompletableFuture<>();
        List<String> commands = RedisMonitor.record(base, () -> {
            inOneTurn(() -> {
                done.add(started(writes.post(a, "first", TTL)));
                done.add(started(writes.post(own, "written by a carried write", TTL)));
                done.add(started(writes.post(b, "second", TTL)));
                writes.run(PROBE, new String[] { own }, "its own argument").subscribe().with(reply::complete,
                        reply::completeExceptionally);
            });
            for (CompletableFuture<Void> d : done) {
                d.get(5, TimeUnit.SECONDS);
            }
            reply.get(5, TimeUnit.SECONDS);
        });
        assertEquals(1, commands.size(), "the writes rode along, no script of their own: " + commands);
        assertTrue(commands.get(0).toLowerCase().startsWith("evalsha " + PROBE.sha()), commands.get(0));
        Response seen = reply.get();
        assertEquals(1, seen.get(0).toInteger(), "the body sees its own KEYS only");
        assertEquals(1, seen.get(1).toInteger(), "and its own ARGV only");
        assertEquals("written by a carried write", seen.get(2).toString(), "the writes are applied before the body");
        assertEquals("its own argument", seen.get(3).toString());
        assertEquals("first", value(a));
        assertEquals("second", value(b));
    }

    @Test
    void aPostedWriteWaitsForAScriptOfALaterTurnToCarryIt() throws Exception {
        String own = base + "own";
        List<CompletableFuture<Void>> done = new ArrayList<>();
        CompletableFuture<Response> reply = new CompletableFuture<>();
        List<String> commands = RedisMonitor.record(base, () -> {
            inOneTurn(() -> {
                done.add(started(writes.post(own, "posted", TTL)));
                // the next turn of this event loop: the write is still waiting for a carrier
                Vertx.currentContext().runOnContext(ignored -> writes.run(PROBE, new String[] { own }, "later")
                        .subscribe().with(reply::complete, reply::completeExceptionally));
            });
            done.get(0).get(5, TimeUnit.SECONDS);
            reply.get(5, TimeUnit.SECONDS);
        });
        assertEquals(1, commands.size(), "the posted write rode in the later script: " + commands);
        assertTrue(commands.get(0).toLowerCase().startsWith("evalsha " + PROBE.sha()), commands.get(0));
        assertEquals("posted", reply.get().get(2).toString(), "applied before the body that reads it");
        assertEquals("posted", value(own));
    }

    @Test
    void aLonePostedWriteLeavesOnItsOwnOnceItsWaitIsOver() throws Exception {
        String a = base + "a";
        CompletableFuture<CompletableFuture<Void>> write = new CompletableFuture<>();
        long[] posted = new long[2];
        List<String> commands = RedisMonitor.record(base, () -> {
            inOneTurn(() -> {
                posted[0] = System.nanoTime();
                write.complete(started(writes.post(a, "alone", TTL)));
            });
            write.get().get(5, TimeUnit.SECONDS);
            posted[1] = System.nanoTime();
        });
        long waited = TimeUnit.NANOSECONDS.toMillis(posted[1] - posted[0]);
        assertTrue(waited >= CarriedWrites.POST_WAIT_MILLIS, "it waited for a carrier first: " + waited + " ms");
        assertEquals(1, commands.size(), commands.toString());
        assertTrue(commands.get(0).toLowerCase().startsWith("evalsha " + CarriedWrites.ALONE.sha()), commands.get(0));
        assertEquals("alone", value(a));
        assertTrue(writes.settled(), "nothing left unanswered");
    }

    @Test
    void aWritePostedAfterAnOlderOneLeftWaitsItsOwnWholeWait() throws Exception {
        // An instance of its own with a long wait, so that the steps below are far apart; it uses the application's
        // Redis clients and event loops.
        long wait = 1000;
        CarriedWrites slow = new CarriedWrites(redis, vertx, new SimpleMeterRegistry(), wait);
        String a = base + "a", b = base + "b";
        CompletableFuture<CompletableFuture<Void>> first = new CompletableFuture<>();
        CompletableFuture<CompletableFuture<Void>> second = new CompletableFuture<>();
        CompletableFuture<Response> one = new CompletableFuture<>();
        CompletableFuture<Response> two = new CompletableFuture<>();
        List<String> commands = RedisMonitor.record(base, () -> {
            inOneTurn(() -> {
                // t0: the first write sets the timer for t0 + wait, and a script leaving at once carries it
                first.complete(started(slow.post(a, "first", TTL)));
                slow.run(PROBE, new String[] { base + "x" }, "one").subscribe().with(one::complete,
                        one::completeExceptionally);
                // t0 + 300: the second write, with a wait of its own until t0 + 1300
                vertx.setTimer(300, id -> second.complete(started(slow.post(b, "second", TTL))));
                // t0 + 1150: past the first write's wait, within the second's: a script that can carry it
                vertx.setTimer(1150, id -> slow.run(PROBE, new String[] { base + "y" }, "two").subscribe()
                        .with(two::complete, two::completeExceptionally));
            });
            first.get().get(5, TimeUnit.SECONDS);
            one.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
            two.get(5, TimeUnit.SECONDS);
        });
        assertEquals(2, commands.size(), "no script of the writes' own: " + commands);
        assertTrue(commands.get(0).toLowerCase().startsWith("evalsha " + PROBE.sha()) && commands.get(0).contains(a)
                && !commands.get(0).contains(b), "the first script carried the first write: " + commands.get(0));
        assertTrue(commands.get(1).toLowerCase().startsWith("evalsha " + PROBE.sha()) && commands.get(1).contains(b),
                "the second write did not leave alone when the first one's wait was over: " + commands.get(1));
        assertEquals("first", value(a));
        assertEquals("second", value(b));
        assertTrue(slow.settled(), "nothing left unanswered");
    }

    @Test
    void aShutdownSendsTheWritesStillWaitingAndWaitsForThem() throws Exception {
        String a = base + "a";
        CompletableFuture<CompletableFuture<Void>> write = new CompletableFuture<>();
        inOneTurn(() -> write.complete(started(writes.post(a, "before the end", TTL))));
        writes.flush(null); // as the ShutdownEvent observer: no carrier will come
        assertEquals("before the end", value(a), "in Redis when the flush returns, not after the post's wait");
        write.get().get(5, TimeUnit.SECONDS);
        assertTrue(writes.settled(), "nothing left unanswered");
    }

    @Test
    void aCallerThatStopsWaitingForItsScriptLeavesNoCarriedWriteUnanswered() throws Exception {
        String a = base + "a";
        CompletableFuture<CompletableFuture<Void>> write = new CompletableFuture<>();
        inOneTurn(() -> {
            write.complete(started(writes.post(a, "kept", TTL)));
            writes.run(PROBE, new String[] { base + "other" }, "x").subscribe().with(ignored -> {
            }).cancel();
        });
        write.get().get(5, TimeUnit.SECONDS);
        assertEquals("kept", value(a));
    }

    @Test
    void aFailedScriptFailsTheWritesItCarried() throws Exception {
        String text = base + "text";
        redis.execute("SET", text, "not a number").await().atMost(WAIT);
        CompletableFuture<CompletableFuture<Void>> write = new CompletableFuture<>();
        CompletableFuture<Response> reply = new CompletableFuture<>();
        inOneTurn(() -> {
            write.complete(started(writes.post(base + "a", "carried", TTL)));
            writes.run(FAILS, new String[] { text }).subscribe().with(reply::complete, reply::completeExceptionally);
        });
        ExecutionException script = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
        assertTrue(script.getCause().getMessage().contains("not an integer"), script.getCause().toString());
        CompletionException failed = assertThrows(CompletionException.class, () -> write.get().join());
        assertEquals(script.getCause(), failed.getCause(), "the write fails with its carrier's failure");
    }

    @Test
    void onlyACarryingScriptIsRunWithTheWaitingWrites() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> writes.run(RedisScript.of("return 1\n"), new String[] { base + "x" }));
        assertTrue(refused.getMessage().contains("not a carrying script"), refused.getMessage());
    }

    @Test
    void moreWritesThanOneScriptCarriesLeaveInSeveralScriptsAndAllLand() throws Exception {
        int n = 2 * CarriedWrites.MAX_PER_SCRIPT + 5;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        List<String> commands = RedisMonitor.record(base, () -> {
            inOneTurn(() -> {
                for (int i = 0; i < n; i++) {
                    done.add(started(writes.post(base + "k" + i, "v" + i, TTL)));
                }
            });
            for (CompletableFuture<Void> d : done) {
                d.get(5, TimeUnit.SECONDS);
            }
        });
        assertEquals(3, commands.size(), "64 + 64 + 5 writes: " + commands.size() + " scripts");
        for (int i = 0; i < n; i++) {
            assertEquals("v" + i, value(base + "k" + i));
        }
    }
}
