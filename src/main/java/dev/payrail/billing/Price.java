package dev.payrail.billing;

import java.time.Instant;
import java.util.Map;

import io.vertx.mutiny.sqlclient.Row;

/** A recurring price of a product: {@code unitAmount} (minor units) every {@code intervalCount} {@code interval}s. */
public record Price(String id, String merchantId, String productId, long unitAmount, String currency, Interval interval,
        int intervalCount, String nickname, boolean active, Map<String, Object> metadata, Instant createdAt,
        Instant updatedAt) {

    static final String COLUMNS = "id, merchant_id, product_id, unit_amount, currency, interval, interval_count, nickname, "
            + "active, metadata, created_at, updated_at";

    static Price from(Row r) {
        return new Price(r.getString("id"), r.getString("merchant_id"), r.getString("product_id"), r.getLong("unit_amount"),
                r.getString("currency"), Interval.parse(r.getString("interval")), r.getInteger("interval_count"),
                r.getString("nickname"), r.getBoolean("active"), Sql.map(r, "metadata"), Sql.instant(r, "created_at"),
                Sql.instant(r, "updated_at"));
    }

    /** The start of period {@code index} counted from {@code anchor}. */
    public Instant periodStart(Instant anchor, int index) {
        return interval.periodStart(anchor, intervalCount, index);
    }
}
