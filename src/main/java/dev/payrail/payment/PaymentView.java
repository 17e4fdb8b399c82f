package dev.payrail.payment;

import dev.payrail.connector.PaymentMethodType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.payrail.risk.RiskAssessment;

/**
 * A payment as merchants see it: amounts in minor units, masked method details under the method's
 * name, {@code unknown} shown as {@code processing}. {@code amount_refunded} is what the provider
 * settled; {@code amount_refund_pending} is reserved by refunds still pending. What is left to
 * refund is {@code amount_captured - amount_refunded - amount_refund_pending}. {@code risk} is the
 * fraud-rule decision made before the provider was called (merchants only: never shown to the payer).
 * {@code customer}, {@code payment_method} and {@code off_session} appear on payments made for a customer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(example = PaymentView.EXAMPLE)
public record PaymentView(String id, String object, String orderId, long amount, String currency, PaymentStatus status,
        PaymentMethodType method, Map<String, Object> card, Map<String, Object> upi, Map<String, Object> wallet,
        Map<String, Object> bankTransfer, String captureMethod, String provider, String providerReference,
        long amountAuthorized, long amountCaptured, long amountRefunded, long amountRefundPending, String errorCode, String errorDescription,
        String declineCode, Map<String, Object> nextAction, Map<String, Object> metadata, int version,
        Instant createdAt, Instant updatedAt, List<AttemptView> attempts,
        @com.fasterxml.jackson.annotation.JsonProperty("three_d_secure")
        @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "three_d_secure", description = "Card payments: "
                + "{requested, reason, status, version, liability_shift}. status: requested/not_requested before the "
                + "provider answers, then pending (challenge shown), authenticated, failed, abandoned, canceled or "
                + "not_performed; liability_shift only after authenticated.") Map<String, Object> threeDSecure,
        RiskAssessment risk, String customer, String paymentMethod, Boolean offSession) {

    /** An example for the OpenAPI document. */
    static final String EXAMPLE = "{\"id\":\"pay_3kq9XwV2mT8bZr\",\"object\":\"payment\",\"order_id\":\"order_7Hs2kLq0PzX4cV\",\"amount\":1999,\"currency\":\"USD\",\"status\":\"captured\",\"method\":\"card\",\"card\":{\"bin\":\"424242\",\"brand\":\"visa\",\"last4\":\"4242\",\"exp_year\":2030,\"exp_month\":12},\"capture_method\":\"automatic\",\"provider\":\"simulator\",\"provider_reference\":\"sim_3fsxz9cyDEQR48It53\",\"amount_authorized\":1999,\"amount_captured\":1999,\"amount_refunded\":0,\"amount_refund_pending\":0,\"metadata\":{\"cart\":\"c_123\"},\"version\":2,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\",\"three_d_secure\":{\"status\":\"not_performed\",\"requested\":false,\"liability_shift\":false},\"risk\":{\"score\":0,\"decision\":\"allow\",\"reasons\":[]}}";

    /** One provider call of the payment. */
    public record AttemptView(String id, String provider, String operation, String outcome,
            String providerIdempotencyKey, Integer latencyMs, String errorCode, Instant createdAt) {

        static AttemptView of(PaymentAttempt a) {
            return new AttemptView(a.id(), a.provider(), a.operation(), "in_flight".equals(a.outcome()) ? "in_flight"
                    : a.outcome(), a.providerKey(), a.latencyMs(), a.errorCode(), a.createdAt());
        }
    }

    /** The payment with the provider calls made for it. */
    public static PaymentView of(Payment p, List<PaymentAttempt> attempts) {
        PaymentView v = of(p);
        return new PaymentView(v.id, v.object, v.orderId, v.amount, v.currency, v.status, v.method, v.card, v.upi,
                v.wallet, v.bankTransfer, v.captureMethod, v.provider, v.providerReference, v.amountAuthorized,
                v.amountCaptured, v.amountRefunded, v.amountRefundPending, v.errorCode, v.errorDescription, v.declineCode, v.nextAction,
                v.metadata, v.version, v.createdAt, v.updatedAt, attempts.stream().map(AttemptView::of).toList(),
                v.threeDSecure, v.risk, v.customer, v.paymentMethod, v.offSession);
    }

    public static PaymentView of(Payment p) {
        Map<String, Object> d = p.methodDetails();
        return new PaymentView(p.id(), "payment", p.orderId(), p.amount(), p.currency(), p.status(), p.method(),
                p.method() == PaymentMethodType.CARD ? d : null,
                p.method() == PaymentMethodType.UPI ? d : null,
                p.method() == PaymentMethodType.WALLET ? d : null,
                p.method() == PaymentMethodType.BANK_TRANSFER ? d : null,
                p.captureMethod(), p.provider(), p.providerReference(), p.amountAuthorized(), p.amountCaptured(),
                p.amountRefunded(), p.amountRefundPending(), p.errorCode(), p.errorDescription(), p.declineCode(), p.nextAction(), p.metadata(),
                p.version(), p.createdAt(), p.updatedAt(), null, p.threeDSecure(),
                RiskAssessment.fromStored(p.risk()), p.customerId(), p.paymentMethodId(),
                p.customerId() == null ? null : p.offSession());
    }
}
