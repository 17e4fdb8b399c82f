package dev.payrail.payment;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.event.EventTypes;
import dev.payrail.risk.RiskAssessment;
import io.smallrye.mutiny.Uni;

/**
 * The merchant's answer to a payment the fraud rules held for review: approve captures it
 * ({@link CaptureFlow}), reject voids it ({@link CancelFlow}); then the review is closed with
 * {@code payment.review_closed}. Asking again for the same answer returns the payment as it is; a
 * capture or void that is still pending at the provider closes the review all the same (the reconciler
 * settles the operation). The other answer after a closed review is {@code 409}.
 */
@Singleton
public class PaymentReview {

    static final String OPEN = "open";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";
    static final String OPENED = EventTypes.PAYMENT_REVIEW_OPENED;

    private final PaymentLookup lookup;
    private final PaymentStore payments;
    private final CaptureFlow capture;
    private final CancelFlow cancel;

    PaymentReview(PaymentLookup lookup, PaymentStore payments, CaptureFlow capture, CancelFlow cancel) {
        this.lookup = lookup;
        this.payments = payments;
        this.capture = capture;
        this.cancel = cancel;
    }

    public Uni<Payment> approve(String merchantId, String paymentId) {
        return lookup.require(merchantId, paymentId).chain(p -> {
            if (alreadyClosed(p, APPROVED, "approved")) {
                return Uni.createFrom().item(p);
            }
            Uni<Payment> captured = switch (p.status()) {
                case AUTHORIZED -> capture.capture(merchantId, paymentId, null);
                case CAPTURE_PENDING, CAPTURED -> Uni.createFrom().item(p);
                default -> throw ApiException.invalidState("payment", p.status().publicName(), "approve");
            };
            return captured.chain(after -> close(after, APPROVED));
        });
    }

    public Uni<Payment> reject(String merchantId, String paymentId) {
        return lookup.require(merchantId, paymentId).chain(p -> {
            if (alreadyClosed(p, REJECTED, "rejected")) {
                return Uni.createFrom().item(p);
            }
            Uni<Payment> voided = switch (p.status()) {
                case AUTHORIZED -> cancel.cancel(merchantId, paymentId);
                // Nothing to void: the payer never completed it, or it failed; the review is closed all the same.
                case CANCEL_PENDING, CANCELLED, FAILED -> Uni.createFrom().item(p);
                default -> throw ApiException.invalidState("payment", p.status().publicName(), "reject");
            };
            return voided.chain(after -> close(after, REJECTED));
        });
    }

    /** Whether the review is already closed with {@code outcome}; {@code 409} when not in review or closed otherwise. */
    private static boolean alreadyClosed(Payment p, String outcome, String action) {
        String review = RiskAssessment.review(p.risk());
        if (review == null) {
            throw new ApiException(409, "INVALID_STATE", "The payment is not held for review; it cannot be " + action
                    + ".", null).with("payment_status", p.status().publicName());
        }
        if (review.equals(outcome)) {
            return true;
        }
        if (!review.equals(OPEN)) {
            throw new ApiException(409, "INVALID_STATE", "The review of this payment is already closed (" + review
                    + "); it cannot be " + action + ".", null).with("review", review);
        }
        return false;
    }

    /**
     * A plain capture or cancel of a payment held for review answers the review too: the merchant looked at
     * it. A payment without an open review is returned as it is.
     */
    Uni<Payment> answeredBy(Payment p, String outcome) {
        return OPEN.equals(RiskAssessment.review(p.risk())) ? close(p, outcome) : Uni.createFrom().item(p);
    }

    private Uni<Payment> close(Payment p, String outcome) {
        return payments.updateRisk(p, RiskAssessment.withReview(p.risk(), outcome), OPEN,
                EventTypes.PAYMENT_REVIEW_CLOSED).chain(saved -> saved != null ? Uni.createFrom().item(saved)
                        : lookup.require(p.merchantId(), p.id()).map(now -> {
                            if (!outcome.equals(RiskAssessment.review(now.risk()))) {
                                throw new ApiException(409, "CONFLICT", "The review of " + p.id()
                                        + " changed meanwhile; read the payment again.", null);
                            }
                            return now;
                        }));
    }
}
