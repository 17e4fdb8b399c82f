package dev.payrail.customer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.common.RequestIds;
import dev.payrail.common.SqlQuery;
import dev.payrail.idempotency.IdempotencyContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Customers in PostgreSQL. Every query is scoped to the merchant and skips deleted customers; every
 * change writes its audit row in the same statement.
 */
@Singleton
public class CustomerStore {

    private static final String INSERT = """
            WITH c AS (
                INSERT INTO customers (id, merchant_id, email, name, phone, description, metadata, created_at, updated_at,
                                       idempotency_key, request_fingerprint)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $10, $11)
                RETURNING %s),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $2, $2, 'customer.create', c.id, $9, $8 FROM c)
            SELECT * FROM c""".formatted(Customer.COLUMNS);

    private static final String UPDATE = """
            WITH c AS (
                UPDATE customers SET email = $3, name = $4, phone = $5, description = $6, metadata = $7, updated_at = $8,
                       default_payment_method = $11
                 WHERE id = $1 AND merchant_id = $2 AND deleted_at IS NULL AND updated_at = $10
                RETURNING %s),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $2, $2, 'customer.update', c.id, $9, $8 FROM c)
            SELECT * FROM c""".formatted(Customer.COLUMNS);

    private static final String DELETE = """
            WITH c AS (
                UPDATE customers SET deleted_at = $3, updated_at = $3
                 WHERE id = $1 AND merchant_id = $2 AND deleted_at IS NULL
                RETURNING id),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $2, $2, 'customer.delete', c.id, $4, $3 FROM c)
            SELECT id FROM c""";

    private static final String KEY_UNIQUE = "customers_merchant_idempotency_key_uq";

    private final Pool pool;

    CustomerStore(Pool pool) {
        this.pool = pool;
    }

    /** The customer created, or — when this key was used before — the customer created then. */
    public record Inserted(Customer customer, boolean existed) {
    }

    Uni<Inserted> insert(Customer c, String idempotencyKey, String requestFingerprint) {
        return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] { c.id(), c.merchantId(), c.email(), c.name(),
                c.phone(), c.description(), json(c.metadata()), at(c.createdAt()), RequestIds.current(), idempotencyKey,
                requestFingerprint }))
                .map(rows -> new Inserted(Customer.from(rows.iterator().next()), false))
                .onFailure(PgException.class).recoverWithUni(e -> {
                    PgException pg = (PgException) e;
                    if (!"23505".equals(pg.getSqlState()) || !KEY_UNIQUE.equals(pg.getConstraint())) {
                        return Uni.createFrom().failure(e);
                    }
                    return pool.preparedQuery("SELECT " + Customer.COLUMNS + ", request_fingerprint FROM customers "
                            + "WHERE merchant_id = $1 AND idempotency_key = $2")
                            .execute(Tuple.of(c.merchantId(), idempotencyKey)).map(rows -> {
                                Row row = rows.iterator().next();
                                IdempotencyContext.requireSameRequest(row.getString("request_fingerprint"),
                                        requestFingerprint);
                                return new Inserted(Customer.from(row), true);
                            });
                });
    }

    public Uni<Customer> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Customer.COLUMNS
                + " FROM customers WHERE id = $1 AND merchant_id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(id, merchantId)).map(CustomerStore::first);
    }

    /**
     * Writes {@code after} if the customer is still as it was read ({@code before}'s {@code updated_at});
     * {@code null} when it changed or was deleted meanwhile.
     */
    Uni<Customer> update(Customer before, Customer after) {
        return pool.preparedQuery(UPDATE).execute(Tuple.from(new Object[] { after.id(), after.merchantId(), after.email(),
                after.name(), after.phone(), after.description(), json(after.metadata()), at(after.updatedAt()),
                RequestIds.current(), at(before.updatedAt()), after.defaultPaymentMethod() })).map(CustomerStore::first);
    }

    /** Whether a customer was deleted (false: no such customer, or deleted before). */
    Uni<Boolean> delete(String merchantId, String id, Instant now) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(id, merchantId, at(now), RequestIds.current()))
                .map(rows -> rows.size() == 1);
    }

    /** Newest first; {@code email} matches without regard to case. */
    Uni<List<Customer>> list(String merchantId, String email, OffsetDateTime from, OffsetDateTime to,
            String startingAfter, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId).and("deleted_at IS NULL")
                .andIf(email != null, "lower(email) = ?", email)
                .andIf(from != null, "created_at >= ?", from)
                .andIf(to != null, "created_at <= ?", to)
                .after("customers", startingAfter, merchantId);
        String sql = "SELECT " + Customer.COLUMNS + " FROM customers" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch);
        return pool.preparedQuery(sql).execute(q.tuple()).map(rows -> rows.stream().map(Customer::from).toList());
    }

    private static JsonObject json(Map<String, Object> metadata) {
        return metadata == null ? null : new JsonObject(metadata);
    }

    private static OffsetDateTime at(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static Customer first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Customer.from(it.next()) : null;
    }
}
