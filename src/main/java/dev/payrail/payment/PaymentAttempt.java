package dev.payrail.payment;

import java.time.Instant;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorResult;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One call to a provider for a payment. The provider idempotency key is the attempt id itself:
 * made once before the first call, stored with the attempt, resent on every retry of the call.
 *
 * @param outcome {@code in_flight} until the provider answered, then the outcome in lower case
 * @param amount  what a capture asked for (minor units); {@code null} for other operations
 */
public record PaymentAttempt(String id, String paymentId, String merchantId, String provider, String providerKey,
        String operation, String outcome, String providerReference, Integer latencyMs, String errorCode,
        Instant createdAt, Long amount) {

    static final String COLUMNS = "id, payment_id, merchant_id, provider, provider_idempotency_key, operation, outcome, "
            + "provider_reference, latency_ms, error_code, created_at, amount";

    /** A new attempt of {@code operation} at {@code provider}, before the call. */
    public static PaymentAttempt start(Payment p, String provider, String operation, Instant now) {
        String id = Ids.newId("att_");
        return new PaymentAttempt(id, p.id(), p.merchantId(), provider, id, operation, "in_flight", null, null, null, now,
                null);
    }

    /** A new capture attempt of {@code amount} at the payment's provider, before the call. */
    public static PaymentAttempt capture(Payment p, long amount, Instant now) {
        PaymentAttempt a = start(p, p.provider(), "capture", now);
        return new PaymentAttempt(a.id, a.paymentId, a.merchantId, a.provider, a.providerKey, a.operation, a.outcome,
                null, null, null, now, amount);
    }

    /** The same attempt with the provider's answer. */
    public PaymentAttempt finish(ConnectorResult r, int latency) {
        return new PaymentAttempt(id, paymentId, merchantId, provider, providerKey, operation,
                r.outcome().name().toLowerCase(), r.providerReference(), latency, r.errorCode(), createdAt, amount);
    }

    static PaymentAttempt from(Row r) {
        return new PaymentAttempt(r.getString("id"), r.getString("payment_id"), r.getString("merchant_id"),
                r.getString("provider"), r.getString("provider_idempotency_key"), r.getString("operation"),
                r.getString("outcome"), r.getString("provider_reference"), r.getInteger("latency_ms"),
                r.getString("error_code"), r.getOffsetDateTime("created_at").toInstant(), r.getLong("amount"));
    }
}
