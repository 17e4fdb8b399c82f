package dev.payrail.customer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.common.RequestIds;
import dev.payrail.common.SqlQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Saved payment methods in PostgreSQL. Every query is scoped to the merchant (and to the customer
 * where one is named); every change writes its audit row in the same statement.
 */
@Singleton
public class SavedMethodStore {

    /**
     * Saves a card, or — when the customer already has this card (same fingerprint) at this provider —
     * refreshes that method with the new token and expiry: one method per card. The customer's default
     * becomes this method when it had none; the payment records it. {@code old} is the token replaced.
     */
    private static final String SAVE = """
            WITH old AS (
                SELECT id, provider_token FROM payment_methods
                 WHERE merchant_id = $2 AND customer_id = $3 AND provider = $4 AND fingerprint = $11 AND detached_at IS NULL),
            m AS (
                INSERT INTO payment_methods (id, merchant_id, customer_id, provider, provider_token, provider_customer, brand,
                                             last4, exp_month, exp_year, fingerprint, created_at, updated_at)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12
                  FROM customers c WHERE c.id = $3 AND c.merchant_id = $2 AND c.deleted_at IS NULL
                ON CONFLICT (merchant_id, customer_id, provider, fingerprint) WHERE detached_at IS NULL
                DO UPDATE SET provider_token = EXCLUDED.provider_token, provider_customer = EXCLUDED.provider_customer,
                              exp_month = EXCLUDED.exp_month, exp_year = EXCLUDED.exp_year, updated_at = EXCLUDED.updated_at
                RETURNING %s),
            d AS (
                UPDATE customers SET default_payment_method = m.id
                  FROM m WHERE customers.id = $3 AND customers.merchant_id = $2 AND customers.default_payment_method IS NULL),
            p AS (
                UPDATE payments SET payment_method_id = m.id FROM m WHERE payments.id = $13 AND payments.merchant_id = $2),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $2, $2, 'payment_method.save', m.id, $14, $12 FROM m)
            SELECT m.*, (SELECT provider_token FROM old) AS replaced_token FROM m""".formatted(SavedMethod.COLUMNS);

    private static final String DETACH = """
            WITH m AS (
                UPDATE payment_methods SET detached_at = $4, updated_at = $4
                 WHERE merchant_id = $1 AND customer_id = $2 AND detached_at IS NULL AND ($3::varchar IS NULL OR id = $3)
                RETURNING %s),
            d AS (
                UPDATE customers SET default_payment_method = NULL
                 WHERE id = $2 AND merchant_id = $1 AND default_payment_method IN (SELECT id FROM m)),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $1, $1, 'payment_method.detach', m.id, $5, $4 FROM m)
            SELECT * FROM m""".formatted(SavedMethod.COLUMNS);

    private final Pool pool;

    SavedMethodStore(Pool pool) {
        this.pool = pool;
    }

    /** A card as the provider saved it. */
    public record NewCard(String provider, String token, String providerCustomer, String brand, String last4,
            int expMonth, int expYear, String fingerprint) {

        @Override
        public String toString() {
            return "NewCard[" + provider + ", " + brand + " " + last4 + "]";
        }
    }

    /** The method saved (new, or the same card's method refreshed) and the provider token it replaced, if any. */
    public record Saved(SavedMethod method, String replacedToken) {
    }

    /**
     * Saves the card of payment {@code paymentId} for the customer (see {@link #SAVE}); {@code null} when
     * the customer was deleted meanwhile.
     */
    public Uni<Saved> save(String merchantId, String customerId, String paymentId, NewCard card, String newId,
            Instant now) {
        return pool.preparedQuery(SAVE).execute(Tuple.from(new Object[] { newId, merchantId, customerId, card.provider(),
                card.token(), card.providerCustomer(), card.brand(), card.last4(), card.expMonth(), card.expYear(),
                card.fingerprint(), at(now), paymentId, RequestIds.current() })).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    String replaced = r.getString("replaced_token");
                    SavedMethod m = SavedMethod.from(r);
                    return new Saved(m, replaced == null || replaced.equals(m.providerToken()) ? null : replaced);
                });
    }

    /** The merchant's method, attached or detached; {@code null} when the merchant has none with this id. */
    public Uni<SavedMethod> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + SavedMethod.COLUMNS + " FROM payment_methods WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(SavedMethodStore::first);
    }

    /** The customer's attached methods, newest first. */
    Uni<List<SavedMethod>> list(String merchantId, String customerId, String startingAfter, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId).and("customer_id = ?", customerId)
                .and("detached_at IS NULL").after("payment_methods", startingAfter, merchantId);
        String sql = "SELECT " + SavedMethod.COLUMNS + " FROM payment_methods" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch);
        return pool.preparedQuery(sql).execute(q.tuple()).map(rows -> rows.stream().map(SavedMethod::from).toList());
    }

    /**
     * The provider's customer that holds this customer's methods at {@code provider} (from any method
     * saved there, detached ones included: the provider keeps its customer), by provider.
     */
    public Uni<Map<String, String>> providerCustomers(String merchantId, String customerId) {
        return pool.preparedQuery("SELECT DISTINCT ON (provider) provider, provider_customer FROM payment_methods "
                + "WHERE merchant_id = $1 AND customer_id = $2 AND provider_customer IS NOT NULL "
                + "ORDER BY provider, created_at DESC")
                .execute(Tuple.of(merchantId, customerId)).map(rows -> {
                    Map<String, String> out = new java.util.HashMap<>();
                    rows.forEach(r -> out.put(r.getString("provider"), r.getString("provider_customer")));
                    return out;
                });
    }

    /** Detaches one method of the customer; {@code null} when it has no such attached method. */
    Uni<SavedMethod> detach(String merchantId, String customerId, String id, Instant now) {
        return pool.preparedQuery(DETACH).execute(Tuple.from(new Object[] { merchantId, customerId, id, at(now), RequestIds.current() }))
                .map(SavedMethodStore::first);
    }

    /** Detaches every attached method of the customer (the customer is deleted). */
    Uni<List<SavedMethod>> detachAll(String merchantId, String customerId, Instant now) {
        return pool.preparedQuery(DETACH).execute(Tuple.from(new Object[] { merchantId, customerId, null, at(now), RequestIds.current() }))
                .map(rows -> rows.stream().map(SavedMethod::from).toList());
    }

    private static OffsetDateTime at(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static SavedMethod first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? SavedMethod.from(it.next()) : null;
    }
}
