package dev.payrail.payment;

import dev.payrail.common.ApiException;

/**
 * How a failed payment is answered to the merchant who asked for it: {@code 503 PROVIDER_UNAVAILABLE}
 * when no provider could take it (nothing was charged), else {@code 402 PAYMENT_DECLINED} with the
 * decline code. One answer for REST and GraphQL.
 */
public final class PaymentFailures {

    private PaymentFailures() {
    }

    /** The problem of a failed payment, or {@code null} when {@code p} did not fail. */
    public static ApiException of(Payment p) {
        if (p.status() == PaymentStatus.FAILED && "provider_unavailable".equals(p.errorCode())) {
            return new ApiException(503, "PROVIDER_UNAVAILABLE",
                    "No provider could take the payment; nothing was charged.", null)
                    .with("payment_id", p.id()).with("payment_status", p.status().publicName());
        }
        if (p.status() == PaymentStatus.FAILED) {
            return new ApiException(402, "PAYMENT_DECLINED",
                    p.errorDescription() == null ? "The payment was declined." : p.errorDescription(), null)
                    .with("decline_code", p.declineCode())
                    .with("provider_error_code", p.errorCode())
                    .with("payment_id", p.id())
                    .with("payment_status", p.status().publicName());
        }
        return null;
    }
}
