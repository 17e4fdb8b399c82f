package dev.payrail.webhook.inbound;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.ProviderEvent;
import io.vertx.core.json.JsonObject;
import dev.payrail.payment.Payment;
import dev.payrail.refund.Refund;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Inbound provider events: one row per (provider, account, provider event id), which
 * de-duplicates retries without letting one account pre-empt another's event id; and the lookups
 * an event makes, each limited to the event's {@link EventAccount}.
 */
@Singleton
public class ProviderEventStore {

    /**
     * SQL condition, over a payment aliased {@code p}: the payment was made on the account given as
     * {@code $3} ({@code payments.provider_account}, recorded when the provider was chosen: the
     * merchant's id when it called with the merchant's own credentials, {@code platform} otherwise).
     */
    private static final String IN_ACCOUNT = "(p.provider_account = $3)";

    private final Pool pool;

    ProviderEventStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the event; {@code false} when this account received it before. */
    public Uni<Boolean> insert(String provider, EventAccount account, ProviderEvent e, Instant receivedAt) {
        return pool.preparedQuery("""
                INSERT INTO provider_events (provider, account, event_id, event_type, kind, provider_reference, amount,
                                             decline_code, retry_at, received_at, dispute)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9 + interval '30 seconds', $9, $10::text::jsonb)
                ON CONFLICT (provider, account, event_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] { provider, account.key(), e.eventId(), truncate(e.eventType(), 64),
                        e.kind().name(), e.providerReference(), e.amount(), truncate(e.declineCode(), 64),
                        receivedAt.atOffset(ZoneOffset.UTC), disputeJson(e.dispute()) }))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> markProcessed(String provider, EventAccount account, String eventId, String status, String objectId) {
        return pool.preparedQuery("""
                UPDATE provider_events SET status = $4, object_id = $5, processed_at = now()
                 WHERE provider = $1 AND account = $2 AND event_id = $3 AND status = 'received'""")
                .execute(Tuple.of(provider, account.key(), eventId, status, objectId)).replaceWithVoid();
    }

    /** A stored event whose processing did not finish: claimed for {@code leaseSeconds}. */
    public record Unprocessed(String provider, EventAccount account, ProviderEvent event) {
    }

    public Uni<List<Unprocessed>> claimUnprocessed(int limit, double leaseSeconds) {
        return pool.preparedQuery("""
                WITH c AS (
                    SELECT provider, account, event_id FROM provider_events
                     WHERE status = 'received' AND retry_at <= now()
                     ORDER BY retry_at LIMIT $1 FOR UPDATE SKIP LOCKED)
                UPDATE provider_events pe
                   SET retry_at = now() + make_interval(secs => $2 * power(2, least(pe.attempts, 10))),
                       attempts = pe.attempts + 1
                  FROM c WHERE pe.provider = c.provider AND pe.account = c.account AND pe.event_id = c.event_id
                RETURNING pe.provider, pe.account, pe.event_id, pe.event_type, pe.kind, pe.provider_reference, pe.amount,
                          pe.decline_code, pe.dispute::text AS dispute""")
                .execute(Tuple.of(limit, leaseSeconds))
                .map(rows -> rows.stream().map(r -> new Unprocessed(r.getString("provider"),
                        EventAccount.ofKey(r.getString("account")),
                        new ProviderEvent(r.getString("event_id"), r.getString("event_type"),
                                r.getString("provider_reference"), ProviderEvent.Kind.valueOf(r.getString("kind")),
                                r.getLong("amount"), r.getString("decline_code"),
                                dispute(r.getString("dispute"))))).toList());
    }

    /**
     * What a provider reference names, seen from an account: the object when it is in the account,
     * {@code outside} when it exists only in another account (the event must not touch it), or
     * nothing.
     */
    public record Found<T>(T inAccount, boolean outside) {

        static <T> Found<T> none() {
            return new Found<>(null, false);
        }
    }

    /** The payment the provider knows by this reference, if it is on the account. */
    public Uni<Found<Payment>> paymentByReference(String provider, EventAccount account, String reference) {
        return payment(provider, account, reference, "p.provider_reference = $2");
    }

    /**
     * {@link #paymentByReference}, or the payment whose id the provider echoes (PayPal's {@code custom} on a
     * dispute, which names the capture rather than the order the payment keeps): still only a payment of
     * this provider, and of the account the verified event came from. For disputes only: an event that
     * moves a payment through its authorization must find it by the provider's own reference.
     */
    public Uni<Found<Payment>> paymentByReferenceOrId(String provider, EventAccount account, String reference) {
        return payment(provider, account, reference, reference != null && reference.startsWith("pay_")
                ? "(p.provider_reference = $2 OR p.id = $2)" : "p.provider_reference = $2");
    }

    private Uni<Found<Payment>> payment(String provider, EventAccount account, String reference, String match) {
        return pool.preparedQuery("SELECT " + prefixed("p.", Payment.COLUMNS) + ", " + IN_ACCOUNT + " AS in_account"
                + " FROM payments p WHERE p.provider = $1 AND " + match
                + " ORDER BY in_account DESC, p.created_at DESC LIMIT 1")
                .execute(Tuple.of(provider, reference, account.key()))
                .map(rows -> found(rows, Payment::from));
    }

    /** The refund the provider knows by this reference, if its payment is on the account. */
    public Uni<Found<Refund>> refundByReference(String provider, EventAccount account, String reference) {
        return pool.preparedQuery("SELECT " + prefixed("r.", Refund.COLUMNS) + ", " + IN_ACCOUNT + " AS in_account"
                + " FROM refunds r JOIN payments p ON p.id = r.payment_id"
                + " WHERE p.provider = $1 AND r.provider_reference = $2"
                + " ORDER BY in_account DESC, r.created_at DESC LIMIT 1")
                .execute(Tuple.of(provider, reference, account.key()))
                .map(rows -> found(rows, Refund::from));
    }

    private static <T> Found<T> found(RowSet<Row> rows, java.util.function.Function<Row, T> read) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return Found.none();
        }
        Row row = it.next();
        return Boolean.TRUE.equals(row.getBoolean("in_account")) ? new Found<>(read.apply(row), false)
                : new Found<>(null, true);
    }

    private static String prefixed(String alias, String columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns.split(",\\s*")) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(alias).append(c.trim());
        }
        return sb.toString();
    }

    /** The dispute an event reported, kept with it so that the sweeper re-applies all of it. */
    static String disputeJson(DisputeDetails d) {
        if (d == null) {
            return null;
        }
        JsonObject j = new JsonObject().put("id", d.id()).put("status", d.status()).put("reason", d.reason())
                .put("amount", d.amount()).put("currency", d.currency())
                .put("evidence_due_by", d.evidenceDueBy() == null ? null : d.evidenceDueBy().toString())
                .put("funds_withdrawn", d.fundsWithdrawn()).put("funds_reinstated", d.fundsReinstated());
        return j.encode();
    }

    /**
     * Read with a plain parser: a provider's dispute id is the provider's text, not merchant input, and
     * may hold long digit runs that the API's card-number guard would refuse.
     */
    static DisputeDetails dispute(String json) {
        if (json == null) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode j;
        try {
            j = PLAIN.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored dispute is not JSON", e);
        }
        String due = j.path("evidence_due_by").asText(null);
        return new DisputeDetails(j.path("id").asText(null), j.path("status").asText(null), j.path("reason").asText(null),
                j.path("amount").isIntegralNumber() ? j.get("amount").asLong() : null, j.path("currency").asText(null),
                due == null ? null : Instant.parse(due),
                j.path("funds_withdrawn").isIntegralNumber() ? j.get("funds_withdrawn").asLong() : null,
                j.path("funds_reinstated").isIntegralNumber() ? j.get("funds_reinstated").asLong() : null);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
