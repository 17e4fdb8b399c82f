package dev.payrail.billing;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import jakarta.inject.Singleton;

import dev.payrail.common.RequestIds;
import dev.payrail.common.SqlQuery;
import dev.payrail.idempotency.IdempotencyContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Products and prices in PostgreSQL, each scoped to its merchant; creates keep the request's
 * idempotency key, so a retry whose key Redis lost finds the first object instead of making a second.
 */
@Singleton
public class CatalogStore {

    private static final String INSERT_PRODUCT = """
            WITH p AS (
                INSERT INTO billing_products (id, merchant_id, name, description, active, metadata, created_at, updated_at,
                                              idempotency_key, request_fingerprint)
                VALUES ($1, $2, $3, $4, true, $5, $6, $6, $7, $8)
                RETURNING %s),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $2, $2, 'product.create', p.id, $9, $6 FROM p)
            SELECT * FROM p""".formatted(Product.COLUMNS);

    /** Inserts nothing when the product is not the merchant's, or archived. */
    private static final String INSERT_PRICE = """
            WITH p AS (
                INSERT INTO billing_prices (id, merchant_id, product_id, unit_amount, currency, interval, interval_count,
                                            nickname, active, metadata, created_at, updated_at, idempotency_key,
                                            request_fingerprint)
                SELECT $1, $2, bp.id, $4, $5, $6, $7, $8, true, $9, $10, $10, $11, $12
                  FROM billing_products bp WHERE bp.id = $3 AND bp.merchant_id = $2 AND bp.active
                RETURNING %s),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT 'merchant', $2, $2, 'price.create', p.id, $13, $10 FROM p)
            SELECT * FROM p""".formatted(Price.COLUMNS);

    private final Pool pool;

    CatalogStore(Pool pool) {
        this.pool = pool;
    }

    /** The object created, or — when this key was used before — the object created then. */
    public record Inserted<T>(T value, boolean existed) {
    }

    public Uni<Inserted<Product>> insert(Product p, String key, String fingerprint) {
        return keyed(pool.preparedQuery(INSERT_PRODUCT).execute(Tuple.from(new Object[] { p.id(), p.merchantId(), p.name(),
                p.description(), Sql.json(p.metadata()), Sql.at(p.createdAt()), key, fingerprint, RequestIds.current() })),
                "billing_products", Product.COLUMNS, Product::from, p.merchantId(), key, fingerprint);
    }

    /** {@code null} value: the product is not the merchant's or is archived. */
    public Uni<Inserted<Price>> insert(Price p, String key, String fingerprint) {
        return keyed(pool.preparedQuery(INSERT_PRICE).execute(Tuple.from(new Object[] { p.id(), p.merchantId(),
                p.productId(), p.unitAmount(), p.currency(), p.interval().publicName(), p.intervalCount(), p.nickname(),
                Sql.json(p.metadata()), Sql.at(p.createdAt()), key, fingerprint, RequestIds.current() })),
                "billing_prices", Price.COLUMNS, Price::from, p.merchantId(), key, fingerprint);
    }

    private <T> Uni<Inserted<T>> keyed(Uni<RowSet<Row>> insert, String table, String columns, Function<Row, T> from,
            String merchantId, String key, String fingerprint) {
        return insert.map(rows -> new Inserted<>(first(rows, from), false))
                .onFailure(PgException.class).recoverWithUni(e -> {
                    PgException pg = (PgException) e;
                    if (!"23505".equals(pg.getSqlState()) || !(table + "_merchant_idempotency_key_uq").equals(pg.getConstraint())) {
                        return Uni.createFrom().failure(e);
                    }
                    return pool.preparedQuery("SELECT " + columns + ", request_fingerprint FROM " + table
                            + " WHERE merchant_id = $1 AND idempotency_key = $2").execute(Tuple.of(merchantId, key))
                            .map(rows -> {
                                Row row = rows.iterator().next();
                                IdempotencyContext.requireSameRequest(row.getString("request_fingerprint"), fingerprint);
                                return new Inserted<>(from.apply(row), true);
                            });
                });
    }

    public Uni<Product> product(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Product.COLUMNS + " FROM billing_products WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(rows -> first(rows, Product::from));
    }

    public Uni<Price> price(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Price.COLUMNS + " FROM billing_prices WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(rows -> first(rows, Price::from));
    }

    /** Newest first; {@code active} filters when not {@code null}. */
    public Uni<List<Product>> products(String merchantId, Boolean active, String startingAfter, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId).andIf(active != null, "active = ?", active)
                .after("billing_products", startingAfter, merchantId);
        return pool.preparedQuery("SELECT " + Product.COLUMNS + " FROM billing_products" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch)).execute(q.tuple())
                .map(rows -> rows.stream().map(Product::from).toList());
    }

    public Uni<List<Price>> prices(String merchantId, String productId, Boolean active, String startingAfter, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId).andIf(productId != null, "product_id = ?", productId)
                .andIf(active != null, "active = ?", active).after("billing_prices", startingAfter, merchantId);
        return pool.preparedQuery("SELECT " + Price.COLUMNS + " FROM billing_prices" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch)).execute(q.tuple())
                .map(rows -> rows.stream().map(Price::from).toList());
    }

    /** Archives a product (no new prices or subscriptions); {@code null} when it is not the merchant's. */
    public Uni<Product> archiveProduct(String merchantId, String id, Instant now) {
        return pool.preparedQuery("""
                WITH p AS (
                    UPDATE billing_products SET active = false, updated_at = CASE WHEN active THEN $3 ELSE updated_at END
                     WHERE id = $1 AND merchant_id = $2 RETURNING %s),
                a AS (
                    INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                    SELECT 'merchant', $2, $2, 'product.archive', p.id, $4, $3 FROM p)
                SELECT * FROM p""".formatted(Product.COLUMNS))
                .execute(Tuple.of(id, merchantId, Sql.at(now), RequestIds.current())).map(rows -> first(rows, Product::from));
    }

    /** Archives a price (no new subscriptions; existing ones keep renewing); {@code null} when not the merchant's. */
    public Uni<Price> archivePrice(String merchantId, String id, Instant now) {
        return pool.preparedQuery("""
                WITH p AS (
                    UPDATE billing_prices SET active = false, updated_at = CASE WHEN active THEN $3 ELSE updated_at END
                     WHERE id = $1 AND merchant_id = $2 RETURNING %s),
                a AS (
                    INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                    SELECT 'merchant', $2, $2, 'price.archive', p.id, $4, $3 FROM p)
                SELECT * FROM p""".formatted(Price.COLUMNS))
                .execute(Tuple.of(id, merchantId, Sql.at(now), RequestIds.current())).map(rows -> first(rows, Price::from));
    }

    private static <T> T first(RowSet<Row> rows, Function<Row, T> from) {
        var it = rows.iterator();
        return it.hasNext() ? from.apply(it.next()) : null;
    }
}
