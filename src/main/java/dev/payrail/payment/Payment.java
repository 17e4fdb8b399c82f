package dev.payrail.payment;

import dev.payrail.connector.PaymentMethodType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A payment row. Immutable: a state change is a new value written with a version check.
 * {@code customerId}, {@code paymentMethodId} (the saved method charged, or saved by this payment) and
 * {@code offSession} (merchant-initiated) describe a card on file.
 */
public record Payment(String id, String merchantId, String orderId, long amount, String currency,
        PaymentStatus status, PaymentMethodType method, Map<String, Object> methodDetails, String captureMethod,
        String provider, String providerReference, long amountAuthorized, long amountCaptured, long amountRefunded,
        long amountRefundPending, String errorCode, String errorDescription, String declineCode, Map<String, Object> nextAction,
        Map<String, Object> metadata, String idempotencyKey, int version, Instant createdAt, Instant updatedAt,
        Map<String, Object> threeDSecure, Map<String, Object> risk, String customerId, String paymentMethodId,
        boolean offSession) {

    public static final String COLUMNS = "id, merchant_id, order_id, amount, currency, status, method, method_details, "
            + "capture_method, provider, provider_reference, amount_authorized, amount_captured, amount_refunded, "
            + "amount_refund_pending, error_code, error_description, decline_code, next_action, metadata, idempotency_key, version, "
            + "created_at, updated_at, three_d_secure, risk, customer_id, payment_method_id, off_session";

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
                r.getOffsetDateTime("updated_at").toInstant(), map(r.getJsonObject("three_d_secure")),
                map(r.getJsonObject("risk")), r.getString("customer_id"), r.getString("payment_method_id"),
                Boolean.TRUE.equals(r.getBoolean("off_session")));
    }

    /** This payment recording the saved method it saved. */
    public Payment withPaymentMethod(String id) {
        return new Payment(this.id, merchantId, orderId, amount, currency, status, method, methodDetails, captureMethod,
                provider, providerReference, amountAuthorized, amountCaptured, amountRefunded, amountRefundPending,
                errorCode, errorDescription, declineCode, nextAction, metadata, idempotencyKey, version, createdAt,
                updatedAt, threeDSecure, risk, customerId, id, offSession);
    }

    /**
     * This payment with its timestamps at the microsecond PostgreSQL keeps: what a write stores and answers
     * (the same payment when they are already).
     */
    Payment atStoredPrecision() {
        Instant created = createdAt.truncatedTo(ChronoUnit.MICROS);
        Instant updated = updatedAt.truncatedTo(ChronoUnit.MICROS);
        return created.equals(createdAt) && updated.equals(updatedAt) ? this
                : new Payment(id, merchantId, orderId, amount, currency, status, method, methodDetails, captureMethod,
                        provider, providerReference, amountAuthorized, amountCaptured, amountRefunded,
                        amountRefundPending, errorCode, errorDescription, declineCode, nextAction, metadata,
                        idempotencyKey, version, created, updated, threeDSecure, risk, customerId, paymentMethodId,
                        offSession);
    }

    private static Map<String, Object> map(JsonObject json) {
        return json == null ? null : json.getMap();
    }

    public boolean manualCapture() {
        return "manual".equals(captureMethod);
    }

    /** The same payment with its stored risk decision replaced (see {@code dev.payrail.risk.RiskAssessment}). */
    public Payment withRisk(Map<String, Object> stored) {
        return new Payment(id, merchantId, orderId, amount, currency, status, method, methodDetails, captureMethod,
                provider, providerReference, amountAuthorized, amountCaptured, amountRefunded, amountRefundPending,
                errorCode, errorDescription, declineCode, nextAction, metadata, idempotencyKey, version, createdAt,
                updatedAt, threeDSecure, stored, customerId, paymentMethodId, offSession);
    }

    public Builder change() {
        return new Builder(this);
    }

    /** A new payment, named field by field; {@link Draft#processing} makes it. */
    public static Draft draft() {
        return new Draft();
    }

    /** The fields of a new payment; everything the provider decides later starts empty. */
    public static final class Draft {
        private String id;
        private String merchantId;
        private String orderId;
        private long amount;
        private String currency;
        private PaymentMethodType method;
        private Map<String, Object> methodDetails;
        private String captureMethod;
        private String provider;
        private Map<String, Object> metadata;
        private String idempotencyKey;
        private Map<String, Object> threeDSecure;
        private Map<String, Object> risk;
        private String customerId;
        private String paymentMethodId;
        private boolean offSession;

        private Draft() {
        }

        /** The customer, the saved method charged ({@code null}: none yet) and whether the charge is merchant-initiated. */
        public Draft onFile(String customerId, String paymentMethodId, boolean offSession) {
            this.customerId = customerId;
            this.paymentMethodId = paymentMethodId;
            this.offSession = offSession;
            return this;
        }

        public Draft id(String id) {
            this.id = id;
            return this;
        }

        public Draft merchant(String merchantId) {
            this.merchantId = merchantId;
            return this;
        }

        public Draft order(String orderId) {
            this.orderId = orderId;
            return this;
        }

        public Draft amount(long amount, String currency) {
            this.amount = amount;
            this.currency = currency;
            return this;
        }

        public Draft method(PaymentMethodType method, Map<String, Object> details) {
            this.method = method;
            this.methodDetails = details;
            return this;
        }

        public Draft manualCapture(boolean manual) {
            this.captureMethod = manual ? "manual" : "automatic";
            return this;
        }

        public Draft provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Draft metadata(Map<String, Object> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Draft idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /** What Payrail decided about 3-D Secure before the provider call (card payments; see {@link ThreeDSecure}). */
        public Draft threeDSecure(Map<String, Object> threeDSecure) {
            this.threeDSecure = threeDSecure;
            return this;
        }

        /** The fraud-rule decision made before the payment was written. */
        public Draft risk(Map<String, Object> stored) {
            this.risk = stored;
            return this;
        }

        /** The payment as first written: {@code processing}, version 1, nothing authorized yet. */
        public Payment processing(Instant now) {
            return new Payment(id, merchantId, orderId, amount, currency, PaymentStatus.PROCESSING, method, methodDetails,
                    captureMethod, provider, null, 0, 0, 0, 0, null, null, null, null, metadata, idempotencyKey, 1, now,
                    now, threeDSecure, risk, customerId, paymentMethodId, offSession);
        }
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
        private String threeDSecureVersion;

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

        /** The 3-D Secure protocol version of the challenge the payer just answered, when the flow knows it. */
        public Builder threeDSecureVersion(String version) {
            this.threeDSecureVersion = version;
            return this;
        }

        /** The new payment; its {@code three_d_secure} follows the status change ({@link ThreeDSecure#after}). */
        public Payment build(Instant now) {
            return new Payment(p.id, p.merchantId, p.orderId, p.amount, p.currency, status, p.method, p.methodDetails,
                    p.captureMethod, p.provider, providerReference, amountAuthorized, amountCaptured, p.amountRefunded,
                    p.amountRefundPending, errorCode, errorDescription, declineCode, nextAction, p.metadata, p.idempotencyKey, p.version + 1,
                    p.createdAt, now, ThreeDSecure.after(p, status, errorCode, declineCode, threeDSecureVersion), p.risk,
                    p.customerId, p.paymentMethodId, p.offSession);
        }
    }
}
