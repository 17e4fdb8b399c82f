package dev.payrail.webhook.inbound;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.payrail.connector.ProviderEvent;
import dev.payrail.payment.Payment;
import dev.payrail.refund.Refund;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Inbound provider events: one row per (provider, provider event id), which de-duplicates retries. */
@ApplicationScoped
public class ProviderEventStore {

    private final Pool pool;

    ProviderEventStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the event; {@code false} when it was received before. */
    public Uni<Boolean> insert(String provider, ProviderEvent e, Instant receivedAt) {
        return pool.preparedQuery("""
                INSERT INTO provider_events (provider, event_id, event_type, kind, provider_reference, amount, decline_code,
                                             retry_at, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8 + interval '30 seconds', $8)
                ON CONFLICT (provider, event_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] { provider, e.eventId(), truncate(e.eventType(), 64), e.kind().name(),
                        e.providerReference(), e.amount(), truncate(e.declineCode(), 64),
                        receivedAt.atOffset(ZoneOffset.UTC) }))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> markProcessed(String provider, String eventId, String status, String objectId) {
        return pool.preparedQuery("""
                UPDATE provider_events SET status = $3, object_id = $4, processed_at = now()
                 WHERE provider = $1 AND event_id = $2 AND status = 'received'""")
                .execute(Tuple.of(provider, eventId, status, objectId)).replaceWithVoid();
    }

    /** A stored event whose processing did not finish: claimed for {@code leaseSeconds}. */
    public record Unprocessed(String provider, ProviderEvent event) {
    }

    public Uni<List<Unprocessed>> claimUnprocessed(int limit, double leaseSeconds) {
        return pool.preparedQuery("""
                WITH c AS (
                    SELECT provider, event_id FROM provider_events
                     WHERE status = 'received' AND retry_at <= now()
                     ORDER BY retry_at LIMIT $1 FOR UPDATE SKIP LOCKED)
                UPDATE provider_events pe
                   SET retry_at = now() + make_interval(secs => $2 * power(2, least(pe.attempts, 10))),
                       attempts = pe.attempts + 1
                  FROM c WHERE pe.provider = c.provider AND pe.event_id = c.event_id
                RETURNING pe.provider, pe.event_id, pe.event_type, pe.kind, pe.provider_reference, pe.amount, pe.decline_code""")
                .execute(Tuple.of(limit, leaseSeconds))
                .map(rows -> rows.stream().map(r -> new Unprocessed(r.getString("provider"),
                        new ProviderEvent(r.getString("event_id"), r.getString("event_type"),
                                r.getString("provider_reference"), ProviderEvent.Kind.valueOf(r.getString("kind")),
                                r.getLong("amount"), r.getString("decline_code")))).toList());
    }

    /** The payment a provider knows by this reference (provider references are unique per provider). */
    public Uni<Payment> paymentByReference(String provider, String reference) {
        return pool.preparedQuery("SELECT " + Payment.COLUMNS
                + " FROM payments WHERE provider = $1 AND provider_reference = $2 ORDER BY created_at DESC LIMIT 1")
                .execute(Tuple.of(provider, reference))
                .map(rows -> rows.iterator().hasNext() ? Payment.from(rows.iterator().next()) : null);
    }

    public Uni<Refund> refundByReference(String provider, String reference) {
        return pool.preparedQuery("SELECT " + prefixed("r.") + " FROM refunds r JOIN payments p ON p.id = r.payment_id"
                + " WHERE p.provider = $1 AND r.provider_reference = $2 LIMIT 1")
                .execute(Tuple.of(provider, reference))
                .map(rows -> rows.iterator().hasNext() ? Refund.from(rows.iterator().next()) : null);
    }

    private static String prefixed(String alias) {
        StringBuilder sb = new StringBuilder();
        for (String c : Refund.COLUMNS.split(",\\s*")) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(alias).append(c);
        }
        return sb.toString();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static Row first(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
