package dev.payrail.dispute;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.common.Json;
import dev.payrail.connector.DisputeDetails;
import dev.payrail.event.EventTypes;
import dev.payrail.event.Outbox;
import dev.payrail.event.OutboxListener;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Disputes: one row per (provider, provider account, provider dispute id). Every change is written
 * with its {@code dispute.*} event in one transaction; a report that changes nothing writes
 * nothing. The money a change moves (funds withdrawn or reinstated) is written with it for the reports
 * ({@code dispute_movements}).
 */
@Singleton
public class DisputeStore {

    private static final String INSERT = """
            INSERT INTO disputes (id, merchant_id, payment_id, provider, provider_account, provider_dispute_id, reason,
                                  amount, currency, status, evidence_due_by, funds_withdrawn, funds_reinstated,
                                  payment_status_before, created_at, updated_at, closed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)
            ON CONFLICT (provider, provider_account, provider_dispute_id) DO NOTHING
            RETURNING %s""".formatted(Dispute.COLUMNS);

    private static final String LOCK = "SELECT " + Dispute.COLUMNS
            + " FROM disputes WHERE provider = $1 AND provider_account = $2 AND provider_dispute_id = $3 FOR UPDATE";

    private static final String UPDATE = """
            UPDATE disputes SET status = $2::varchar, reason = $3, amount = $4, evidence_due_by = $5, funds_withdrawn = $6,
                   funds_reinstated = $7, evidence = coalesce($8::text::jsonb, evidence),
                   evidence_submitted_at = coalesce(evidence_submitted_at, $9), updated_at = $10,
                   closed_at = CASE WHEN closed_at IS NULL AND $2::varchar IN ('won', 'lost', 'warning_closed') THEN $10
                                    ELSE closed_at END
             WHERE id = $1
            RETURNING %s""".formatted(Dispute.COLUMNS);

    private static final String INSERT_EVENT = """
            INSERT INTO events (id, merchant_id, type, object_id, payload, created_at, delivery_status)
            VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, %s)
            RETURNING delivery_status AS %s""".formatted(Outbox.initialStatus("$2", "$3"), Outbox.EVENT_STATUS);

    private static final String INSERT_MOVEMENT = """
            INSERT INTO dispute_movements (id, merchant_id, dispute_id, payment_id, provider, currency, kind, amount,
                                           occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

    private final Pool pool;
    private final Json json;
    private final OutboxListener outbox;

    DisputeStore(Pool pool, Json json, OutboxListener outbox) {
        this.pool = pool;
        this.json = json;
        this.outbox = outbox;
    }

    /** A dispute after a write, and whether the write changed it. */
    record Recorded(Dispute dispute, boolean changed) {
    }

    private record Written(Recorded recorded, boolean queued) {
    }

    /**
     * Records what a provider event reported about a dispute of payment {@code p} (of account
     * {@code account}): creates the dispute on its first report, whichever event that is, and
     * merges later ones ({@link DisputeMerge}).
     */
    Uni<Recorded> record(String provider, String account, Payment p, DisputeDetails d, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        String status = d.status() != null ? d.status() : DisputeDetails.NEEDS_RESPONSE;
        Object[] values = { Ids.newId("dp_"), p.merchantId(), p.id(), provider, account, d.id(), d.reason(),
                d.amount() != null ? d.amount() : p.amount(), d.currency() != null ? d.currency() : p.currency(), status,
                d.evidenceDueBy() == null ? null : d.evidenceDueBy().atOffset(ZoneOffset.UTC),
                d.fundsWithdrawn() == null ? 0L : d.fundsWithdrawn(), d.fundsReinstated() == null ? 0L : d.fundsReinstated(),
                p.status() == PaymentStatus.DISPUTED ? null : p.status().dbName(), at,
                DisputeDetails.isClosed(status) ? at : null };
        return pool.withTransaction(conn -> conn.preparedQuery(INSERT).execute(Tuple.from(values)).chain(rows -> {
            Dispute created = first(rows);
            if (created != null) {
                List<String> types = new ArrayList<>(List.of(EventTypes.DISPUTE_CREATED));
                if (created.closed()) {
                    types.add(EventTypes.DISPUTE_CLOSED);
                }
                return events(conn, created, types, at).call(q -> movements(conn, 0, 0, created, at))
                        .map(q -> new Written(new Recorded(created, true), q));
            }
            return conn.preparedQuery(LOCK).execute(Tuple.of(provider, account, d.id())).chain(locked -> {
                Dispute current = first(locked);
                return change(conn, current, DisputeMerge.merge(DisputeMerge.Fields.of(current), d), null, null, at);
            });
        })).map(this::told);
    }

    /**
     * Records the provider's answer to our evidence or acceptance: the merged report, the evidence
     * sent ({@code null}: unchanged) and, when it was submitted, the submission time.
     */
    Uni<Dispute> answered(Dispute d, DisputeDetails reported, Map<String, String> evidence, boolean submitted,
            Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK)
                .execute(Tuple.of(d.provider(), d.providerAccount(), d.providerDisputeId())).chain(locked -> {
                    Dispute current = first(locked);
                    DisputeMerge.Fields after = reported == null ? DisputeMerge.Fields.of(current)
                            : DisputeMerge.merge(DisputeMerge.Fields.of(current), reported);
                    return change(conn, current, after, evidence, submitted ? at : null, at);
                })).map(this::told).map(Recorded::dispute);
    }

    private Uni<Written> change(SqlConnection conn, Dispute current, DisputeMerge.Fields after,
            Map<String, String> evidence, OffsetDateTime submittedAt, OffsetDateTime asked) {
        OffsetDateTime at = after(current, asked);
        boolean evidenceChanged = evidence != null && !evidence.equals(current.evidence());
        boolean submitChanged = submittedAt != null && current.evidenceSubmittedAt() == null;
        if (after.sameAs(DisputeMerge.Fields.of(current)) && !evidenceChanged && !submitChanged) {
            return Uni.createFrom().item(new Written(new Recorded(current, false), false));
        }
        return conn.preparedQuery(UPDATE).execute(Tuple.from(new Object[] { current.id(), after.status(), after.reason(),
                after.amount(), after.evidenceDueBy() == null ? null : after.evidenceDueBy().atOffset(ZoneOffset.UTC),
                after.fundsWithdrawn(), after.fundsReinstated(),
                evidence == null ? null : new JsonObject(new java.util.LinkedHashMap<String, Object>(evidence)).encode(),
                submittedAt, at })).chain(rows -> {
                    Dispute saved = first(rows);
                    String type = saved.closed() && !current.closed() ? EventTypes.DISPUTE_CLOSED : EventTypes.DISPUTE_UPDATED;
                    return events(conn, saved, List.of(type), at)
                            .call(q -> movements(conn, current.fundsWithdrawn(), current.fundsReinstated(), saved, at))
                            .map(q -> new Written(new Recorded(saved, true), q));
                });
    }

    /**
     * The time of a change of {@code current}: {@code asked}, or just after the version it changes when
     * that is not earlier. Two reports of one dispute race (Stripe sends {@code charge.dispute.created}
     * and {@code charge.dispute.funds_withdrawn} together); the one that took its time first may be
     * written second, and its {@code dispute.updated} must not sort before the {@code dispute.created}.
     */
    static OffsetDateTime after(Dispute current, OffsetDateTime asked) {
        OffsetDateTime floor = current.updatedAt().plus(1, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return asked.isBefore(floor) ? floor : asked;
    }

    private Uni<Boolean> events(SqlConnection conn, Dispute d, List<String> types, OffsetDateTime at) {
        String payload = json.write(DisputeView.of(d));
        List<Tuple> batch = new ArrayList<>();
        for (String type : types) {
            batch.add(Tuple.from(new Object[] { Ids.newId("evt_"), d.merchantId(), type, d.id(), payload, at }));
        }
        return conn.preparedQuery(INSERT_EVENT).executeBatch(batch).map(DisputeStore::anyQueued);
    }

    /**
     * The money the change moved, for the reports: the growth of funds withdrawn (a withdrawal) and of
     * funds reinstated (a reinstatement) since {@code withdrawnBefore} and {@code reinstatedBefore}.
     */
    private static Uni<Void> movements(SqlConnection conn, long withdrawnBefore, long reinstatedBefore, Dispute d,
            OffsetDateTime at) {
        List<Tuple> rows = new ArrayList<>(2);
        if (d.fundsWithdrawn() > withdrawnBefore) {
            rows.add(movement(d, "withdrawal", d.fundsWithdrawn() - withdrawnBefore, at));
        }
        if (d.fundsReinstated() > reinstatedBefore) {
            rows.add(movement(d, "reinstatement", d.fundsReinstated() - reinstatedBefore, at));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery(INSERT_MOVEMENT).executeBatch(rows).replaceWithVoid();
    }

    private static Tuple movement(Dispute d, String kind, long amount, OffsetDateTime at) {
        return Tuple.from(new Object[] { Ids.newId("dm_"), d.merchantId(), d.id(), d.paymentId(), d.provider(),
                d.currency(), kind, amount, at });
    }

    /** After the commit: tells the outbox listener when an event was queued. */
    private Recorded told(Written w) {
        if (w.queued()) {
            outbox.queued();
        }
        return w.recorded();
    }

    private static boolean anyQueued(RowSet<Row> batch) {
        for (RowSet<Row> rs = batch; rs != null; rs = rs.next()) {
            for (Row row : rs) {
                if (Outbox.queued(row)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the payment has a dispute other than {@code exceptId} that is open or lost. */
    Uni<Boolean> otherStandingDispute(String paymentId, String exceptId) {
        return pool.preparedQuery("SELECT 1 FROM disputes WHERE payment_id = $1 AND id <> $2"
                + " AND status NOT IN ('won', 'warning_closed') LIMIT 1")
                .execute(Tuple.of(paymentId, exceptId)).map(rows -> rows.size() > 0);
    }

    public Uni<Dispute> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Dispute.COLUMNS + " FROM disputes WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(DisputeStore::first);
    }

    /** Newest first; {@code limit + 1} rows so that the page knows whether there is more. */
    Uni<List<Dispute>> list(String merchantId, String status, String paymentId, String startingAfter, int limit) {
        return pool.preparedQuery("SELECT " + Dispute.COLUMNS + " FROM disputes d WHERE merchant_id = $1"
                + " AND ($2::varchar IS NULL OR status = $2) AND ($3::varchar IS NULL OR payment_id = $3)"
                + " AND ($4::varchar IS NULL OR (created_at, id) < (SELECT c.created_at, c.id FROM disputes c"
                + " WHERE c.id = $4 AND c.merchant_id = $1))"
                + " ORDER BY created_at DESC, id DESC LIMIT $5")
                .execute(Tuple.of(merchantId, status, paymentId, startingAfter, limit + 1))
                .map(rows -> rows.stream().map(Dispute::from).toList());
    }

    private static Dispute first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Dispute.from(it.next()) : null;
    }
}
