package dev.payrail.order;

import java.time.Instant;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

public record Order(String id, String merchantId, long amount, String currency, String receipt,
        Map<String, Object> notes, String status, int attempts, Instant createdAt, Instant updatedAt) {

    public static final String COLUMNS = "id, merchant_id, amount, currency, receipt, notes, status, attempts, "
            + "created_at, updated_at";

    public static Order from(Row r) {
        JsonObject notes = r.getJsonObject("notes");
        return new Order(r.getString("id"), r.getString("merchant_id"), r.getLong("amount"), r.getString("currency"),
                r.getString("receipt"), notes == null ? null : notes.getMap(), r.getString("status"),
                r.getInteger("attempts"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant());
    }
}
