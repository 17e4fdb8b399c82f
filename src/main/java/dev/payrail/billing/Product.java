package dev.payrail.billing;

import java.time.Instant;
import java.util.Map;

import io.vertx.mutiny.sqlclient.Row;

/** What a merchant sells by subscription; its prices say how much and how often. */
public record Product(String id, String merchantId, String name, String description, boolean active,
        Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {

    static final String COLUMNS = "id, merchant_id, name, description, active, metadata, created_at, updated_at";

    static Product from(Row r) {
        return new Product(r.getString("id"), r.getString("merchant_id"), r.getString("name"), r.getString("description"),
                r.getBoolean("active"), Sql.map(r, "metadata"), Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }
}
