package dev.payrail.payment;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.payrail.common.VertxContexts;
import dev.payrail.event.Outbox;
import dev.payrail.event.OutboxListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Smart batching of the durable writes of payments. Each write is one statement that is atomic on its own (a
 * payment's row with its event, audit row and attempt, see {@link PaymentStore}). While fewer than
 * {@code max-in-flight} batches are at PostgreSQL a write leaves at once, alone and as its own transaction, as it
 * always did: a lone request waits for nothing. Writes that arrive while the batches are out wait, and the next
 * free slot takes them all (up to {@code max-size}) as <em>one</em> transaction: {@code BEGIN}, the statements
 * and {@code COMMIT}, pipelined — one round trip, one commit, one WAL flush, for all of them. Writes of one
 * statement that has a {@link SetWrite set form} go as that, one execution for all of them, unless two of them
 * share a key (the same payment or order); the others of one statement go as one {@code executeBatch}. There is
 * no timer: a batch is as large as what piled up while the previous ones were out.
 * <p>
 * One more slot opens while a batch has been at PostgreSQL longer than {@code overdue-after} (its backend waiting
 * for a core, a lock or a flush): the writes that wait then leave on it rather than behind the stalled batch. It is
 * checked when a write arrives or a batch ends, not by a timer, and there is only one: a stall of PostgreSQL as a
 * whole holds two batches, not more. Under full load a batch nearly always comes back within that time, so the
 * batches stay as large as with one slot.
 * <p>
 * Each write still commits or fails whole, and alone: when any statement of a batch fails (a unique violation, a
 * deadlock, any PostgreSQL error) the batch is rolled back and each of its writes is run again on its own, so the
 * write at fault gets its own error and its neighbours commit as if they had never met it. A write's answer (the
 * first row its statement returned, or {@code null}) arrives only once its transaction has committed, and the
 * outbox hears once per commit that events were queued. A write cancelled while it waits is dropped; one already
 * sent is written, its answer dropped.
 */
@Singleton
public class WriteBatcher {

    private static final Logger LOG = Logger.getLogger(WriteBatcher.class);

    /**
     * One waiting write; guarded by the batcher's lock until it is taken. Its answer is delivered on the
     * Vert.x context of the request that wrote it: the statement may have left with another request's
     * batch, whose context hears PostgreSQL's answer, and the writer's next steps read their own request's
     * context (its request id in the MDC, what it remembered).
     */
    private static final class Pending {
        final String sql;
        final Tuple args;
        /** The statement's set form, or {@code null}: none. */
        final SetWrite set;
        /** What no other write of one set may share with this one; the first is its row's {@code id}. */
        final String[] keys;
        final UniEmitter<? super Row> emitter;
        final Context context;
        Row row;

        Pending(String sql, Tuple args, SetWrite set, String[] keys, UniEmitter<? super Row> emitter) {
            this.sql = sql;
            this.args = args;
            this.set = set;
            this.keys = keys;
            this.emitter = emitter;
            this.context = Vertx.currentContext();
        }

        void complete(Row answer) {
            VertxContexts.resume(context, () -> emitter.complete(answer));
        }

        void fail(Throwable failure) {
            VertxContexts.resume(context, () -> emitter.fail(failure));
        }
    }

    private final Pool pool;
    private final OutboxListener outbox;
    private final int maxInFlight;
    private final int maxSize;
    private final long overdueNanos;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    /** When each batch at PostgreSQL was sent ({@link System#nanoTime()}), oldest first; guarded by the lock. */
    private final List<Long> out = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchedWrites = new AtomicLong();

    private final DistributionSummary sizes;
    private final Counter splits;
    private final Counter overdue;
    private final Counter sets;

    WriteBatcher(Pool pool, OutboxListener outbox, MeterRegistry metrics,
            @ConfigProperty(name = "payrail.write-batch.max-in-flight", defaultValue = "1") int maxInFlight,
            @ConfigProperty(name = "payrail.write-batch.max-size", defaultValue = "32") int maxSize,
            @ConfigProperty(name = "payrail.write-batch.overdue-after", defaultValue = "5ms") Duration overdueAfter) {
        if (maxInFlight < 1 || maxSize < 1) {
            throw new IllegalArgumentException("payrail.write-batch.max-in-flight and max-size must be at least 1");
        }
        if (overdueAfter.isNegative()) {
            throw new IllegalArgumentException(
                    "payrail.write-batch.overdue-after must not be negative (0: no extra slot)");
        }
        this.pool = pool;
        this.outbox = outbox;
        this.sizes = DistributionSummary.builder("payrail.write.batch.size")
                .description("Writes per transaction sent by the write batcher (1: a write alone)")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32)
                .register(metrics);
        this.splits = Counter.builder("payrail.write.batch.split")
                .description("Write batches PostgreSQL rolled back whole, run again write by write")
                .register(metrics);
        this.overdue = Counter.builder("payrail.write.batch.overdue")
                .description("Write batches sent on the extra slot while a batch at PostgreSQL was overdue")
                .register(metrics);
        this.sets = Counter.builder("payrail.write.batch.sets")
                .description("Groups of writes of one statement sent as its set form, one execution for all")
                .register(metrics);
        this.maxInFlight = maxInFlight;
        this.overdueNanos = overdueAfter.toNanos();
        this.maxSize = maxSize;
    }

    /**
     * Runs {@code sql} with {@code args}, alone or in a batch: the first row it returned ({@code null} for none),
     * once committed. Each subscription is a write of its own (a retry writes again).
     */
    public Uni<Row> write(String sql, Tuple args) {
        return write(sql, args, null, null);
    }

    /**
     * {@link #write(String, Tuple)} of {@code statement}'s {@link SetWrite#one one} form. Writes of it that leave in
     * one batch go as its set form, one statement for all of them, when none shares any of its {@code keys} with
     * another (the first key is the id its set form returns the write's row by); otherwise one by one.
     */
    Uni<Row> write(SetWrite statement, Tuple args, String... keys) {
        return write(statement.one().sql(), args, statement, keys);
    }

    private Uni<Row> write(String sql, Tuple args, SetWrite set, String[] keys) {
        return Uni.createFrom().emitter(emitter -> {
            Pending p = new Pending(sql, args, set, keys, emitter);
            emitter.onTermination(() -> dropIfWaiting(p));
            Batch batch;
            synchronized (this) {
                waiting.add(p);
                batch = takeIfSlotFree();
            }
            if (batch != null) {
                send(batch);
            }
        });
    }

    /** Batches of more than one write committed, and the writes they held (for tests and metrics). */
    public long batches() {
        return batches.get();
    }

    public long batchedWrites() {
        return batchedWrites.get();
    }

    /** Batches that failed and were run again write by write. */
    public long splitBatches() {
        return (long) splits.count();
    }

    private void dropIfWaiting(Pending p) {
        synchronized (this) {
            waiting.remove(p);
        }
    }

    /** Writes taken to leave together, and when they left. */
    private record Batch(List<Pending> writes, long sentAt) {
    }

    /**
     * The next batch if writes wait and a slot is free, or the extra slot while the oldest batch out is overdue;
     * the caller holds the lock and must send it.
     */
    private Batch takeIfSlotFree() {
        if (waiting.isEmpty()) {
            return null;
        }
        long now = System.nanoTime();
        if (out.size() >= maxInFlight) {
            if (overdueNanos == 0 || out.size() > maxInFlight || now - out.get(0) < overdueNanos) {
                return null;
            }
            overdue.increment();
        }
        out.add(now);
        List<Pending> writes = new ArrayList<>(Math.min(waiting.size(), maxSize));
        while (!waiting.isEmpty() && writes.size() < maxSize) {
            writes.add(waiting.poll());
        }
        return new Batch(writes, now);
    }

    private void send(Batch batch) {
        List<Pending> writes = batch.writes();
        sizes.record(writes.size());
        Uni<Void> sent = writes.size() == 1 ? alone(writes.get(0)) : together(writes);
        sent.subscribe().with(ignored -> finished(batch), failure -> {
            LOG.errorf(failure, "write batch of %d ended in failure", writes.size());
            finished(batch);
        });
    }

    private void finished(Batch batch) {
        Batch next;
        synchronized (this) {
            out.remove(Long.valueOf(batch.sentAt()));
            next = takeIfSlotFree();
        }
        if (next != null) {
            send(next);
        }
    }

    /** One write as its own implicit transaction: its answer, or its own failure. */
    private Uni<Void> alone(Pending p) {
        return pool.preparedQuery(p.sql).execute(p.args).onItemOrFailure().invoke((rows, failure) -> {
            if (failure != null) {
                p.fail(failure);
                return;
            }
            Row row = first(rows);
            if (row != null && Outbox.queued(row)) {
                outbox.queued();
            }
            p.complete(row);
        }).onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * The writes as one transaction in one round trip: BEGIN, the statements (one executeBatch per statement
     * text) and COMMIT, all pipelined on one connection. PostgreSQL aborts the transaction at the first statement
     * it refuses, so the statements after it fail and the COMMIT ends it as a rollback: then each write runs again
     * alone. A statement the client refused before sending anything (a parameter it cannot encode: the whole
     * executeBatch, before any of its rows is sent) leaves the transaction intact, and the COMMIT commits the
     * others: those are answered as committed, and the refused writes run alone and fail with their own error.
     */
    private Uni<Void> together(List<Pending> batch) {
        return pool.getConnection().chain(conn -> {
            Map<String, List<Pending>> bySql = new LinkedHashMap<>();
            for (Pending p : batch) {
                bySql.computeIfAbsent(p.sql, k -> new ArrayList<>()).add(p);
            }
            List<List<Pending>> groups = new ArrayList<>(bySql.values());
            List<Uni<Throwable>> steps = new ArrayList<>(groups.size() + 2);
            steps.add(outcome(conn.query("BEGIN").execute().replaceWithVoid()));
            for (List<Pending> ps : groups) {
                List<Tuple> args = new ArrayList<>(ps.size());
                for (Pending p : ps) {
                    args.add(p.args);
                }
                steps.add(outcome(asOneSet(ps) ? Uni.createFrom().deferred(() -> asSet(conn, ps, args))
                        : oneByOne(conn, ps, args)));
            }
            steps.add(outcome(conn.query("COMMIT").execute().replaceWithVoid()));
            return Uni.join().all(steps).andFailFast().chain(outcomes -> {
                conn.closeAndForget();
                return settle(batch, groups, outcomes);
            });
        }).onFailure().recoverWithUni(noConnection -> eachAlone(batch));
    }

    /** The writes of one statement as an {@code executeBatch}: each its own execution, one after the other. */
    private static Uni<Void> oneByOne(SqlConnection conn, List<Pending> ps, List<Tuple> args) {
        return conn.preparedQuery(ps.get(0).sql).executeBatch(args).invoke(rows -> {
            RowSet<Row> r = rows;
            for (Pending p : ps) {
                p.row = first(r);
                r = r.next();
            }
        }).replaceWithVoid();
    }

    /** The writes of one statement as its set form: one execution, each write's row found by its first key. */
    private Uni<Void> asSet(SqlConnection conn, List<Pending> ps, List<Tuple> args) {
        SetWrite set = ps.get(0).set;
        sets.increment();
        return conn.preparedQuery(set.many()).execute(set.arrays(args)).invoke(rows -> {
            Map<String, Row> byId = new HashMap<>(ps.size() * 2);
            for (Row row : rows) {
                byId.put(row.getString("id"), row);
            }
            for (Pending p : ps) {
                p.row = byId.get(p.keys[0]);
            }
        }).replaceWithVoid();
    }

    /** Whether writes of one statement can go as its set form: more than one, all with it, and no key shared. */
    private static boolean asOneSet(List<Pending> ps) {
        SetWrite set = ps.get(0).set;
        if (ps.size() < 2 || set == null) {
            return false;
        }
        Set<String> keys = new HashSet<>(ps.size() * 4);
        for (Pending p : ps) {
            if (p.set != set) {
                return false;
            }
            for (String key : p.keys) {
                if (key != null && !keys.add(key)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * What the pipelined transaction did, from each step's failure ({@code null}: it succeeded): BEGIN first,
     * then one per group of {@code groups}, COMMIT last.
     */
    private Uni<Void> settle(List<Pending> batch, List<List<Pending>> groups, List<Throwable> outcomes) {
        Throwable abort = outcomes.get(0) != null ? outcomes.get(0) : outcomes.get(outcomes.size() - 1);
        List<Pending> written = new ArrayList<>(batch.size());
        List<Pending> refused = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Throwable failure = outcomes.get(i + 1);
            if (failure == null) {
                written.addAll(groups.get(i));
            } else if (!(failure instanceof PgException)) {
                refused.addAll(groups.get(i));
            } else if (abort == null) {
                abort = failure;
            }
        }
        if (abort != null) {
            // Nothing was committed, or, when the COMMIT's answer was lost with the connection, it may have been:
            // the writes are safe to run again, as after any lost connection (a payment's id is its primary key, a
            // change is conditional on the version it read).
            splits.increment();
            LOG.debugf("write batch of %d rolled back (%s); each write runs alone", batch.size(), abort);
            return eachAlone(batch);
        }
        if (!written.isEmpty()) {
            committed(written);
        }
        return refused.isEmpty() ? Uni.createFrom().voidItem() : eachAlone(refused);
    }

    private void committed(List<Pending> batch) {
        batches.incrementAndGet();
        batchedWrites.addAndGet(batch.size());
        boolean queued = false;
        for (Pending p : batch) {
            queued |= p.row != null && Outbox.queued(p.row);
        }
        if (queued) {
            outbox.queued();
        }
        for (Pending p : batch) {
            p.complete(p.row);
        }
    }

    private Uni<Void> eachAlone(List<Pending> batch) {
        List<Uni<Void>> each = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            p.row = null;
            each.add(alone(p));
        }
        return Uni.join().all(each).andFailFast().replaceWithVoid();
    }

    /** The step's failure as its item ({@code null} when it succeeded), so that every step is awaited. */
    private static Uni<Throwable> outcome(Uni<Void> step) {
        return step.onItemOrFailure().transform((ok, failure) -> failure);
    }

    private static Row first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
