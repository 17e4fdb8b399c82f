package dev.payrail.payment;

import dev.payrail.connector.PaymentMethodType;
import java.time.Instant;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** A payment row. Immutable: a state change is a new value written with a version check. */
public record Payment(String id, String merchantId, String orderId, long amount, String currency,
        PaymentStatus status, PaymentMethodType method, Map<String, Object> methodDetails, String captureMethod,
        String provider, String providerReference, long amountAuthorized, long amountCaptured, long amountRefunded,
        long amountRefundPending, String errorCode, String errorDescription, String declineCode, Map<String, Object> nextAction,
        Map<String, Object> metadata, String idempotencyKey, int version, Instant createdAt, Instant updatedAt) {

    public static final String COLUMNS = "id, merchant_id, order_id, amount, currency, status, method, method_details, "
            + "capture_method, provider, provider_reference, amount_authorized, amount_captured, amount_refunded, "
            + "amount_refund_pending, error_code, error_description, decline_code, next_action, metadata, idempotency_key, version, "
            + "created_at, updated_at";

    public static Payment from(Row r) {
        return new Payment(r.getString("id"), r.getString("merchant_id"), r.getString("order_id"),
                r.getLong("amount"), r.getString("currency"), PaymentStatus.fromDb(r.getString("status")),
                PaymentMethodType.parse(r.getString("method")), map(r.getJsonObject("method_details")),
                r.getString("capture_method"), r.getString("provider"), r.getString("provider_reference"),
                r.getLong("amount_authorized"), r.getLong("amount_captured"), r.getLong("amount_refunded"),
                r.getLong("amount_refund_pending"),
                r.getString("error_code"), r.getString("error_description"), r.getString("decline_code"),
                map(r.getJsonObject("next_action")), map(r.getJsonObject("metadata")), r.getString("idempotency_key"),
                r.getInteger("version"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant());
    }

    private static Map<String, Object> map(JsonObject json) {
        return json == null ? null : json.getMap();
    }

    public boolean manualCapture() {
        return "manual".equals(captureMethod);
    }

    public Builder change() {
        return new Builder(this);
    }

    /** A copy with some fields changed; the version and timestamps are set by the store. */
    public static final class Builder {
        private final Payment p;
        private PaymentStatus status;
        private String providerReference;
        private long amountAuthorized;
        private long amountCaptured;
        private String errorCode;
        private String errorDescription;
        private String declineCode;
        private Map<String, Object> nextAction;

        private Builder(Payment p) {
            this.p = p;
            this.status = p.status;
            this.providerReference = p.providerReference;
            this.amountAuthorized = p.amountAuthorized;
            this.amountCaptured = p.amountCaptured;
            this.errorCode = p.errorCode;
            this.errorDescription = p.errorDescription;
            this.declineCode = p.declineCode;
            this.nextAction = p.nextAction;
        }

        public Builder status(PaymentStatus s) {
            this.status = s;
            return this;
        }

        public Builder providerReference(String ref) {
            if (ref != null) {
                this.providerReference = ref;
            }
            return this;
        }

        public Builder authorized(long amount) {
            this.amountAuthorized = amount;
            return this;
        }

        public Builder captured(long amount) {
            this.amountCaptured = amount;
            return this;
        }

        public Builder error(String code, String description, String decline) {
            this.errorCode = code;
            this.errorDescription = description;
            this.declineCode = decline;
            return this;
        }

        public Builder nextAction(Map<String, Object> action) {
            this.nextAction = action;
            return this;
        }

        public Payment build(Instant now) {
            return new Payment(p.id, p.merchantId, p.orderId, p.amount, p.currency, status, p.method, p.methodDetails,
                    p.captureMethod, p.provider, providerReference, amountAuthorized, amountCaptured, p.amountRefunded,
                    p.amountRefundPending, errorCode, errorDescription, declineCode, nextAction, p.metadata, p.idempotencyKey, p.version + 1,
                    p.createdAt, now);
        }
    }
}
