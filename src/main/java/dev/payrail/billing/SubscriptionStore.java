package dev.payrail.billing;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.SqlQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Subscriptions in PostgreSQL. Reads are scoped to the merchant; changes are written on the
 * caller's transaction with optimistic locking on {@code version}.
 */
@Singleton
public class SubscriptionStore {

    static final String KEY_UNIQUE = "subscriptions_merchant_idempotency_key_uq";

    private static final String INSERT = """
            INSERT INTO subscriptions (id, merchant_id, customer_id, price_id, quantity, payment_method, status,
                                       billing_cycle_anchor, current_period_start, current_period_end, period_index,
                                       trial_start, trial_end, cancel_at_period_end, metadata, version, created_at,
                                       updated_at, idempotency_key, request_fingerprint)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, false, $14, 1, $15, $15, $16, $17)
            RETURNING %s""".formatted(Subscription.COLUMNS);

    private static final String UPDATE = """
            UPDATE subscriptions SET status = $3, billing_cycle_anchor = $4, current_period_start = $5,
                   current_period_end = $6, period_index = $7, cancel_at_period_end = $8, canceled_at = $9, ended_at = $10,
                   paused_at = $11, version = $12, updated_at = $13
             WHERE id = $1 AND merchant_id = $2 AND version = $12 - 1
            RETURNING %s""".formatted(Subscription.COLUMNS);

    private final Pool pool;

    SubscriptionStore(Pool pool) {
        this.pool = pool;
    }

    Uni<Subscription> insert(SqlConnection conn, Subscription s, String key, String fingerprint) {
        return conn.preparedQuery(INSERT).execute(Tuple.from(new Object[] { s.id(), s.merchantId(), s.customerId(),
                s.priceId(), s.quantity(), s.paymentMethod(), s.status().publicName(), Sql.at(s.billingCycleAnchor()),
                Sql.at(s.currentPeriodStart()), Sql.at(s.currentPeriodEnd()), s.periodIndex(), Sql.at(s.trialStart()),
                Sql.at(s.trialEnd()), Sql.json(s.metadata()), Sql.at(s.createdAt()), key, fingerprint }))
                .map(SubscriptionStore::first);
    }

    /** The subscription created with this idempotency key, and that request's fingerprint; {@code null} when none. */
    Uni<Keyed> byKey(String merchantId, String key) {
        return pool.preparedQuery("SELECT " + Subscription.COLUMNS + ", request_fingerprint FROM subscriptions"
                + " WHERE merchant_id = $1 AND idempotency_key = $2").execute(Tuple.of(merchantId, key)).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Keyed(Subscription.from(r), r.getString("request_fingerprint"));
                });
    }

    record Keyed(Subscription subscription, String fingerprint) {
    }

    /** Writes {@code after} if nobody changed the row since it was read; {@code null} otherwise. */
    Uni<Subscription> update(SqlConnection conn, Subscription after) {
        return conn.preparedQuery(UPDATE).execute(Tuple.from(new Object[] { after.id(), after.merchantId(),
                after.status().publicName(), Sql.at(after.billingCycleAnchor()), Sql.at(after.currentPeriodStart()),
                Sql.at(after.currentPeriodEnd()), after.periodIndex(), after.cancelAtPeriodEnd(), Sql.at(after.canceledAt()),
                Sql.at(after.endedAt()), Sql.at(after.pausedAt()), after.version(), Sql.at(after.updatedAt()) }))
                .map(SubscriptionStore::first);
    }

    public Uni<Subscription> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Subscription.COLUMNS + " FROM subscriptions WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(SubscriptionStore::first);
    }

    /** The subscription, locked for the transaction of {@code conn}. */
    Uni<Subscription> lock(SqlConnection conn, String merchantId, String id) {
        return conn.preparedQuery("SELECT " + Subscription.COLUMNS
                + " FROM subscriptions WHERE id = $1 AND merchant_id = $2 FOR UPDATE").execute(Tuple.of(id, merchantId))
                .map(SubscriptionStore::first);
    }

    /**
     * One renewing subscription whose period ended by {@code now}, locked for the transaction of
     * {@code conn}; one another transaction holds is skipped ({@code SKIP LOCKED}), so any number of
     * pods renew in parallel, each subscription once. {@code null} when none is due. {@code merchantId}
     * limits it to one merchant ({@code null}: all).
     */
    Uni<Subscription> claimDue(SqlConnection conn, Instant now, String merchantId) {
        return conn.preparedQuery("SELECT " + Subscription.COLUMNS + " FROM subscriptions"
                + " WHERE status IN ('trialing', 'active', 'past_due') AND current_period_end <= $1"
                + " AND ($2::varchar IS NULL OR merchant_id = $2)"
                + " ORDER BY current_period_end LIMIT 1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(Sql.at(now), merchantId)).map(SubscriptionStore::first);
    }

    public Uni<List<Subscription>> list(String merchantId, String customerId, String priceId, SubscriptionStatus status,
            String startingAfter, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId)
                .andIf(customerId != null, "customer_id = ?", customerId).andIf(priceId != null, "price_id = ?", priceId)
                .andIf(status != null, "status = ?", status == null ? null : status.publicName())
                .after("subscriptions", startingAfter, merchantId);
        return pool.preparedQuery("SELECT " + Subscription.COLUMNS + " FROM subscriptions" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch)).execute(q.tuple())
                .map(rows -> rows.stream().map(Subscription::from).toList());
    }

    private static Subscription first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Subscription.from(it.next()) : null;
    }
}
