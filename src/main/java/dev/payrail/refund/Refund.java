package dev.payrail.refund;

import java.time.Instant;

import io.vertx.mutiny.sqlclient.Row;

public record Refund(String id, String merchantId, String paymentId, long amount, String currency, String status,
        String reason, String providerReference, String errorCode, String errorDescription, Instant createdAt,
        Instant updatedAt) {

    public static final String COLUMNS = "id, merchant_id, payment_id, amount, currency, status, reason, "
            + "provider_reference, error_code, error_description, created_at, updated_at";

    public static Refund from(Row r) {
        return new Refund(r.getString("id"), r.getString("merchant_id"), r.getString("payment_id"), r.getLong("amount"),
                r.getString("currency"), r.getString("status"), r.getString("reason"), r.getString("provider_reference"),
                r.getString("error_code"), r.getString("error_description"),
                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant());
    }
}
