package dev.payrail.billing;

import java.time.Instant;

import io.vertx.mutiny.sqlclient.Row;

/**
 * An invoice of a subscription period. Charge attempt {@code n} creates (or, after a crash, finds
 * again) the payment with the idempotency key {@link #attemptKey}.
 */
public record Invoice(String id, String merchantId, String customerId, String subscriptionId, String number,
        InvoiceStatus status, String billingReason, String currency, long subtotal, long total, long amountPaid,
        long amountDue, Instant periodStart, Instant periodEnd, int attemptCount, boolean attemptInFlight,
        Instant nextPaymentAttempt, Instant leaseUntil, String paymentId, String lastError, String hostedToken,
        Instant createdAt, Instant updatedAt, Instant finalizedAt, Instant paidAt, Instant voidedAt,
        Instant markedUncollectibleAt) {

    static final String COLUMNS = "id, merchant_id, customer_id, subscription_id, number, status, billing_reason, currency, "
            + "subtotal, total, amount_paid, amount_due, period_start, period_end, attempt_count, attempt_in_flight, "
            + "next_payment_attempt, lease_until, payment_id, last_error, hosted_token, created_at, updated_at, "
            + "finalized_at, paid_at, voided_at, marked_uncollectible_at";

    static Invoice from(Row r) {
        return new Invoice(r.getString("id"), r.getString("merchant_id"), r.getString("customer_id"),
                r.getString("subscription_id"), r.getString("number"), InvoiceStatus.parse(r.getString("status")),
                r.getString("billing_reason"), r.getString("currency"), r.getLong("subtotal"), r.getLong("total"),
                r.getLong("amount_paid"), r.getLong("amount_due"), Sql.instant(r, "period_start"),
                Sql.instant(r, "period_end"), r.getInteger("attempt_count"), r.getBoolean("attempt_in_flight"),
                Sql.instant(r, "next_payment_attempt"), Sql.instant(r, "lease_until"), r.getString("payment_id"),
                r.getString("last_error"), r.getString("hosted_token"), Sql.instant(r, "created_at"),
                Sql.instant(r, "updated_at"), Sql.instant(r, "finalized_at"), Sql.instant(r, "paid_at"),
                Sql.instant(r, "voided_at"), Sql.instant(r, "marked_uncollectible_at"));
    }

    /** The idempotency key of the payment of charge attempt {@code n}: one payment per attempt, ever. */
    public static String attemptKey(String invoiceId, int n) {
        return "invoice:" + invoiceId + ":attempt:" + n;
    }

    /** A copy with the fields a charge or an action changes. */
    public Invoice with(InvoiceStatus status, long amountPaid, boolean attemptInFlight, Instant nextPaymentAttempt,
            Instant leaseUntil, String paymentId, String lastError, Instant now, Instant paidAt, Instant voidedAt,
            Instant markedUncollectibleAt) {
        return new Invoice(id, merchantId, customerId, subscriptionId, number, status, billingReason, currency, subtotal,
                total, amountPaid, amountDue, periodStart, periodEnd, attemptCount, attemptInFlight, nextPaymentAttempt,
                leaseUntil, paymentId, lastError, hostedToken, createdAt, now, finalizedAt, paidAt, voidedAt,
                markedUncollectibleAt);
    }
}
