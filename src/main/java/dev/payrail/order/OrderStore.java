package dev.payrail.order;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.RequestIds;
import dev.payrail.idempotency.IdempotencyContext;
import io.vertx.pgclient.PgException;
import dev.payrail.common.SqlQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Orders in PostgreSQL; every query is scoped to the merchant. */
@Singleton
public class OrderStore {

    private static final String INSERT = """
            WITH o AS (
                INSERT INTO orders (id, merchant_id, amount, currency, receipt, notes, status, attempts, created_at, updated_at,
                                    idempotency_key, request_fingerprint)
                VALUES ($1, $2, $3, $4, $5, $6, 'created', 0, $7, $7, $9, $10)
                RETURNING %s),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $2, $2, 'order.create', o.id, $8, $7 FROM o)
            SELECT * FROM o""".formatted(Order.COLUMNS);

    private static final String KEY_UNIQUE = "orders_merchant_idempotency_key_uq";

    private final Pool pool;

    OrderStore(Pool pool) {
        this.pool = pool;
    }

    /** The order created, or — when this key was used before — the order created then. */
    public record Inserted(Order order, boolean existed) {
    }

    public Uni<Inserted> insert(Order o, String idempotencyKey, String requestFingerprint) {
        return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
                o.id(), o.merchantId(), o.amount(), o.currency(), o.receipt(),
                o.notes() == null ? null : new JsonObject(o.notes()),
                o.createdAt().atOffset(java.time.ZoneOffset.UTC), RequestIds.current(), idempotencyKey,
                requestFingerprint }))
                .map(rows -> new Inserted(Order.from(rows.iterator().next()), false))
                .onFailure(PgException.class).recoverWithUni(e -> {
                    PgException pg = (PgException) e;
                    if (!"23505".equals(pg.getSqlState()) || !KEY_UNIQUE.equals(pg.getConstraint())) {
                        return Uni.createFrom().failure(e);
                    }
                    return pool.preparedQuery("SELECT " + Order.COLUMNS
                            + ", request_fingerprint FROM orders WHERE merchant_id = $1 AND idempotency_key = $2")
                            .execute(Tuple.of(o.merchantId(), idempotencyKey)).map(rows -> {
                                var row = rows.iterator().next();
                                IdempotencyContext.requireSameRequest(row.getString("request_fingerprint"),
                                        requestFingerprint);
                                return new Inserted(Order.from(row), true);
                            });
                });
    }

    public Uni<Order> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Order.COLUMNS + " FROM orders WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId))
                .map(OrderStore::first);
    }

    /**
     * The merchant an order belongs to, for the hosted checkout page reached by its link alone
     * ({@code /checkout?order_id=…}): the order id is the customer's bearer token there. Every
     * other read of an order is scoped to the merchant.
     */
    public Uni<String> merchantOf(String id) {
        return pool.preparedQuery("SELECT merchant_id FROM orders WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("merchant_id") : null);
    }

    public Uni<List<Order>> list(String merchantId, String status, OffsetDateTime from, OffsetDateTime to,
            String startingAfter, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId)
                .andIf(status != null, "status = ?", status)
                .andIf(from != null, "created_at >= ?", from)
                .andIf(to != null, "created_at <= ?", to)
                .after("orders", startingAfter, merchantId);
        String sql = "SELECT " + Order.COLUMNS + " FROM orders" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch);
        return pool.preparedQuery(sql).execute(q.tuple())
                .map(rows -> rows.stream().map(Order::from).toList());
    }

    private static Order first(RowSet<io.vertx.mutiny.sqlclient.Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Order.from(it.next()) : null;
    }
}
