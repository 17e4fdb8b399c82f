package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.event.OutboxListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * {@link WriteBatcher} against PostgreSQL, on a table of the test's own: writes that wait while the one slot is
 * busy share one transaction; a failing write (unique violation in the middle, the same key twice, any other
 * PostgreSQL error) fails alone and its neighbours commit; a cancelled waiting write is never written; the outbox
 * hears once per commit; while the batch out is overdue one more slot, and only one, lets the waiting writes leave.
 */
@QuarkusTest
class WriteBatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    io.vertx.core.Vertx vertx;

    private String table;
    private final AtomicInteger nudges = new AtomicInteger();
    private WriteBatcher batcher;
    private SimpleMeterRegistry metrics;

    @BeforeEach
    void table() {
        table = "write_batcher_test_" + UUID.randomUUID().toString().replace("-", "");
        pool.query("CREATE TABLE " + table + " (id varchar PRIMARY KEY, k varchar UNIQUE, n int NOT NULL)")
                .execute().await().atMost(WAIT);
        // one slot and no extra one: while the blocker is out, every other write waits and the next batch takes
        // them all
        withExtraSlotAfter(Duration.ZERO);
    }

    /**
     * The batcher of the test: one slot, and the extra one once a batch has been out {@code overdueAfter} (zero:
     * never).
     */
    private void withExtraSlotAfter(Duration overdueAfter) {
        OutboxListener counting = nudges::incrementAndGet;
        metrics = new SimpleMeterRegistry();
        batcher = new WriteBatcher(pool, counting, metrics, 1, 32, overdueAfter);
    }

    /** A write that holds its slot for {@code seconds}. */
    private CompletableFuture<Row> sleeper(double seconds) {
        return batcher.write("SELECT pg_sleep(" + seconds + "), NULL::varchar AS "
                + dev.payrail.event.Outbox.EVENT_STATUS, Tuple.tuple()).subscribeAsCompletionStage();
    }

    private double overdueBatches() {
        return metrics.get("payrail.write.batch.overdue").counter().count();
    }

    @AfterEach
    void drop() {
        pool.query("DROP TABLE IF EXISTS " + table).execute().await().atMost(WAIT);
    }

    private String insert() {
        return "INSERT INTO " + table + " (id, k, n) VALUES ($1, $2, $3) RETURNING id, 'pending'::varchar AS "
                + dev.payrail.event.Outbox.EVENT_STATUS;
    }

    /** Holds the only slot for a while: the writes made meanwhile wait and leave together. */
    private CompletableFuture<Row> blocker() {
        return sleeper(0.5);
    }

    private CompletableFuture<Row> write(String id, String key, int n) {
        return batcher.write(insert(), Tuple.of(id, key, n)).subscribeAsCompletionStage();
    }

    /** A write of a row whose {@code n} is the SQL expression {@code n} (of {@code $3}), with no event queued. */
    private CompletableFuture<Row> writeWithN(String n, Tuple args) {
        return batcher.write("INSERT INTO " + table + " (id, k, n) VALUES ($1, $2, " + n + ")"
                + " RETURNING id, NULL::varchar AS " + dev.payrail.event.Outbox.EVENT_STATUS, args)
                .subscribeAsCompletionStage();
    }

    private Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        pool.query("SELECT id FROM " + table).execute().await().atMost(WAIT).forEach(r -> ids.add(r.getString("id")));
        return ids;
    }

    private static Throwable failureOf(CompletableFuture<Row> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    @Test
    void waitingWritesShareOneCommitAndTheOutboxHearsOnce() throws Exception {
        CompletableFuture<Row> blocker = blocker();
        List<CompletableFuture<Row>> writes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            writes.add(write("a" + i, "ka" + i, i));
        }
        blocker.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            assertEquals("a" + i, writes.get(i).get(10, TimeUnit.SECONDS).getString("id"));
        }
        assertEquals(1, batcher.batches(), "the five waiting writes left as one transaction");
        assertEquals(5, batcher.batchedWrites());
        assertEquals(0, batcher.splitBatches());
        assertEquals(1, nudges.get(), "one nudge for the one commit that queued events");
        assertEquals(Set.of("a0", "a1", "a2", "a3", "a4"), ids());
        var sizes = metrics.get("payrail.write.batch.size").summary();
        assertEquals(2, sizes.count(), "two transactions: the blocker alone, then the five");
        assertEquals(6.0, sizes.totalAmount());
        assertEquals(5.0, sizes.max());
    }

    @Test
    void eachWriteHearsItsAnswerOnTheContextOfTheRequestThatMadeIt() throws Exception {
        // The blocker's request sends the batch that carries the others' writes, and PostgreSQL answers
        // on its context; each writer's next steps read their own request's context (request id, MDC).
        io.vertx.core.Context first = io.smallrye.common.vertx.VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        CompletableFuture<Row> blocker = new CompletableFuture<>();
        first.runOnContext(v -> blocker().whenComplete((row, failure) -> blocker.complete(row)));
        Thread.sleep(100); // the blocker holds the only slot
        List<io.vertx.core.Context> requests = new ArrayList<>();
        List<CompletableFuture<io.vertx.core.Context>> heardOn = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            io.vertx.core.Context request = io.smallrye.common.vertx.VertxContext.createNewDuplicatedContext(
                    vertx.getOrCreateContext());
            CompletableFuture<io.vertx.core.Context> heard = new CompletableFuture<>();
            String id = "c" + i;
            request.runOnContext(v -> batcher.write(insert(), Tuple.of(id, "k" + id, 1)).subscribe()
                    .with(row -> heard.complete(io.vertx.core.Vertx.currentContext()), heard::completeExceptionally));
            requests.add(request);
            heardOn.add(heard);
        }
        blocker.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            assertTrue(requests.get(i) == heardOn.get(i).get(10, TimeUnit.SECONDS), "write " + i + " answered on its own context");
        }
        assertEquals(1, batcher.batches(), "the three left together, sent from another request's context");
    }

    @Test
    void aLoneWriteLeavesAtOnceAsItsOwnTransaction() throws Exception {
        Row row = write("solo", "ksolo", 1).get(10, TimeUnit.SECONDS);
        assertEquals("solo", row.getString("id"));
        assertEquals(0, batcher.batches(), "nothing waited, so nothing was batched");
        assertEquals(1, nudges.get());
        assertEquals(Set.of("solo"), ids());
    }

    @Test
    void aUniqueViolationInTheMiddleFailsOnlyItsOwnWrite() throws Exception {
        write("taken", "ktaken", 0).get(10, TimeUnit.SECONDS);
        nudges.set(0);
        CompletableFuture<Row> blocker = blocker();
        CompletableFuture<Row> first = write("b1", "kb1", 1);
        CompletableFuture<Row> conflict = write("b2", "ktaken", 2);
        CompletableFuture<Row> last = write("b3", "kb3", 3);
        blocker.get(10, TimeUnit.SECONDS);
        assertEquals("b1", first.get(10, TimeUnit.SECONDS).getString("id"));
        assertEquals("b3", last.get(10, TimeUnit.SECONDS).getString("id"));
        PgException e = assertInstanceOf(PgException.class, failureOf(conflict));
        assertEquals("23505", e.getSqlState());
        assertEquals(1, batcher.splitBatches(), "the batch was rolled back and its writes run alone");
        assertEquals(1.0, metrics.get("payrail.write.batch.split").counter().count());
        assertEquals(Set.of("b1", "b3", "taken"), ids());
    }

    @Test
    void theSameKeyTwiceInOneBatchIsWrittenOnceAndTheOtherIsTheConflict() throws Exception {
        CompletableFuture<Row> blocker = blocker();
        CompletableFuture<Row> one = write("c1", "same-key", 1);
        CompletableFuture<Row> two = write("c2", "same-key", 2);
        CompletableFuture<Row> other = write("c3", "kc3", 3);
        blocker.get(10, TimeUnit.SECONDS);
        assertEquals("c3", other.get(10, TimeUnit.SECONDS).getString("id"));
        List<Throwable> failures = new ArrayList<>();
        int written = 0;
        for (CompletableFuture<Row> f : List.of(one, two)) {
            try {
                assertNotNull(f.get(10, TimeUnit.SECONDS));
                written++;
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertEquals(1, written, "exactly one of the two writes with the key committed");
        assertEquals(1, failures.size());
        assertEquals("23505", assertInstanceOf(PgException.class, failures.get(0)).getSqlState());
        Set<String> ids = ids();
        assertEquals(2, ids.size(), ids.toString());
        assertTrue(ids.contains("c3"));
        assertTrue(ids.contains("c1") ^ ids.contains("c2"));
    }

    @Test
    void aPostgresErrorMidBatchFailsOnlyItsOwnWrite() throws Exception {
        CompletableFuture<Row> blocker = blocker();
        CompletableFuture<Row> first = write("d1", "kd1", 1);
        CompletableFuture<Row> broken = writeWithN("1 / $3", Tuple.of("d2", "kd2", 0));
        CompletableFuture<Row> last = write("d3", "kd3", 3);
        blocker.get(10, TimeUnit.SECONDS);
        assertEquals("d1", first.get(10, TimeUnit.SECONDS).getString("id"));
        assertEquals("d3", last.get(10, TimeUnit.SECONDS).getString("id"));
        assertEquals("22012", assertInstanceOf(PgException.class, failureOf(broken)).getSqlState(),
                "division by zero is the broken write's own error");
        assertEquals(Set.of("d1", "d3"), ids());
    }

    @Test
    void aWriteTheClientCannotEncodeFailsAloneAndItsNeighboursAreCommittedOnce() throws Exception {
        // The client refuses the middle write before sending it (a text for an int), so PostgreSQL never sees it
        // and the batch's COMMIT commits its neighbours: they must be answered as written, not run again (a
        // second run of a committed write would be its own duplicate).
        CompletableFuture<Row> blocker = blocker();
        CompletableFuture<Row> first = write("g1", "kg1", 1);
        CompletableFuture<Row> refused = writeWithN("$3 + 0", Tuple.of("g2", "kg2", "not a number"));
        CompletableFuture<Row> last = write("g3", "kg3", 3);
        blocker.get(10, TimeUnit.SECONDS);
        assertEquals("g1", first.get(10, TimeUnit.SECONDS).getString("id"));
        assertEquals("g3", last.get(10, TimeUnit.SECONDS).getString("id"));
        Throwable failure = failureOf(refused);
        assertFalse(failure instanceof PgException, "the client refused it: " + failure);
        assertEquals(Set.of("g1", "g3"), ids());
        assertEquals(1, batcher.batches(), "g1 and g3 committed together");
        assertEquals(2, batcher.batchedWrites());
        assertEquals(0, batcher.splitBatches(), "nothing was rolled back");
    }

    @Test
    void aWriteCancelledWhileItWaitsIsNeverWrittenAndItsNeighboursAre() throws Exception {
        CompletableFuture<Row> blocker = blocker();
        CompletableFuture<Row> first = write("e1", "ke1", 1);
        AtomicInteger answered = new AtomicInteger();
        Cancellable cancelled = batcher.write(insert(), Tuple.of("e2", "ke2", 2)).subscribe()
                .with(row -> answered.incrementAndGet(), failure -> answered.incrementAndGet());
        CompletableFuture<Row> last = write("e3", "ke3", 3);
        cancelled.cancel();
        blocker.get(10, TimeUnit.SECONDS);
        assertEquals("e1", first.get(10, TimeUnit.SECONDS).getString("id"));
        assertEquals("e3", last.get(10, TimeUnit.SECONDS).getString("id"));
        assertEquals(Set.of("e1", "e3"), ids());
        assertEquals(0, answered.get(), "a cancelled subscriber hears nothing");
        assertEquals(1, batcher.batches());
        assertEquals(2, batcher.batchedWrites());
    }

    @Test
    void whileTheBatchOutIsOverdueTheWaitingWritesLeaveOnTheExtraSlot() throws Exception {
        withExtraSlotAfter(Duration.ofMillis(100));
        CompletableFuture<Row> stalled = sleeper(3);
        Thread.sleep(300); // the stalled batch is overdue
        CompletableFuture<Row> a = write("f1", "kf1", 1);
        assertEquals("f1", a.get(10, TimeUnit.SECONDS).getString("id"));
        assertFalse(stalled.isDone(), "f1 was written while the stalled batch was still out");
        assertEquals(1.0, overdueBatches());
        stalled.get(10, TimeUnit.SECONDS);
        assertEquals(Set.of("f1"), ids());
    }

    @Test
    void beforeTheBatchOutIsOverdueWritesWaitForIt() throws Exception {
        withExtraSlotAfter(Duration.ofSeconds(30));
        CompletableFuture<Row> blocker = blocker();
        CompletableFuture<Boolean> blockerDoneFirst = write("h1", "kh1", 1).thenApply(row -> blocker.isDone());
        assertTrue(blockerDoneFirst.get(10, TimeUnit.SECONDS), "h1 left only after the blocker's batch came back");
        assertEquals(0.0, overdueBatches());
        assertEquals(Set.of("h1"), ids());
    }

    @Test
    void thereIsOnlyOneExtraSlot() throws Exception {
        withExtraSlotAfter(Duration.ofMillis(100));
        CompletableFuture<Row> first = sleeper(2);
        Thread.sleep(300);
        CompletableFuture<Row> second = sleeper(2); // on the extra slot
        Thread.sleep(300);
        CompletableFuture<Boolean> aSleeperDoneFirst = write("i1", "ki1", 1)
                .thenApply(row -> first.isDone() || second.isDone());
        assertTrue(aSleeperDoneFirst.get(10, TimeUnit.SECONDS), "no third batch while two were out");
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertEquals(Set.of("i1"), ids());
    }
}
