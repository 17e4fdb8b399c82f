package dev.payrail.dispute;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** A dispute row. */
public record Dispute(String id, String merchantId, String paymentId, String provider, String providerAccount,
        String providerDisputeId, String reason, long amount, String currency, String status, Instant evidenceDueBy,
        long fundsWithdrawn, long fundsReinstated, Map<String, String> evidence, Instant evidenceSubmittedAt,
        String paymentStatusBefore, Instant createdAt, Instant updatedAt, Instant closedAt) {

    static final String COLUMNS = "id, merchant_id, payment_id, provider, provider_account, provider_dispute_id, reason, "
            + "amount, currency, status, evidence_due_by, funds_withdrawn, funds_reinstated, evidence, "
            + "evidence_submitted_at, payment_status_before, created_at, updated_at, closed_at";

    static Dispute from(Row r) {
        JsonObject ev = r.getJsonObject("evidence");
        Map<String, String> evidence = new LinkedHashMap<>();
        if (ev != null) {
            ev.forEach(e -> evidence.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new Dispute(r.getString("id"), r.getString("merchant_id"), r.getString("payment_id"),
                r.getString("provider"), r.getString("provider_account"), r.getString("provider_dispute_id"),
                r.getString("reason"), r.getLong("amount"), r.getString("currency"), r.getString("status"),
                instant(r.getOffsetDateTime("evidence_due_by")), r.getLong("funds_withdrawn"),
                r.getLong("funds_reinstated"), Map.copyOf(evidence), instant(r.getOffsetDateTime("evidence_submitted_at")),
                r.getString("payment_status_before"), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("updated_at")), instant(r.getOffsetDateTime("closed_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    boolean closed() {
        return dev.payrail.connector.DisputeDetails.isClosed(status);
    }

    /** The merchant id the provider calls are made with: {@code null} for the platform's account. */
    String credentialsOf() {
        return "platform".equals(providerAccount) ? null : providerAccount;
    }
}
