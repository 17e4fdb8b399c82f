package dev.payrail.customer;

import java.time.Instant;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A merchant's customer: contact details and the merchant's own metadata. Never card data.
 *
 * @param defaultPaymentMethod the saved method charged when none is named, or {@code null}
 */
public record Customer(String id, String merchantId, String email, String name, String phone, String description,
        Map<String, Object> metadata, Instant createdAt, Instant updatedAt, String defaultPaymentMethod) {

    static final String COLUMNS = "id, merchant_id, email, name, phone, description, metadata, created_at, updated_at, "
            + "default_payment_method";

    static Customer from(Row r) {
        JsonObject metadata = r.getJsonObject("metadata");
        return new Customer(r.getString("id"), r.getString("merchant_id"), r.getString("email"), r.getString("name"),
                r.getString("phone"), r.getString("description"), metadata == null ? null : metadata.getMap(),
                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant(),
                r.getString("default_payment_method"));
    }
}
