package dev.payrail.payment;

import java.time.Instant;

import dev.payrail.connector.ConnectorResult;

/** How a provider's answer to an authorization moves a payment. */
final class Outcomes {

    /** The payment after the answer, and the order's new status ({@code null}: unchanged). */
    record Change(Payment after, String orderStatus) {
    }

    private Outcomes() {
    }

    static Change apply(Payment p, ConnectorResult r, Instant now) {
        Payment.Builder b = p.change().providerReference(r.providerReference()).threeDSecureVersion(r.authenticationVersion());
        if (r.outcome() == dev.payrail.connector.Outcome.SUCCEEDED || r.outcome() == dev.payrail.connector.Outcome.DECLINED) {
            b.nextAction(null);
        }
        return switch (r.outcome()) {
            case SUCCEEDED -> p.manualCapture()
                    ? new Change(b.status(PaymentStatus.AUTHORIZED).authorized(p.amount()).build(now), null)
                    : new Change(b.status(PaymentStatus.CAPTURED).authorized(p.amount()).captured(p.amount()).build(now),
                            "paid");
            case DECLINED -> new Change(b.status(PaymentStatus.FAILED)
                    .error(r.errorCode() == null ? "payment_declined" : r.errorCode(), r.message(), r.declineCode())
                    .build(now), null);
            case NOT_SENT -> new Change(b.status(PaymentStatus.FAILED)
                    .error("provider_unavailable", r.message(), null).build(now), null);
            // No URL: the customer acts elsewhere (a UPI collect request in the payer's app), as the instructions say.
            case REQUIRES_ACTION -> new Change(b.status(PaymentStatus.REQUIRES_ACTION)
                    .nextAction(r.actionUrl() == null && r.instructions() != null ? r.instructions()
                            : PaymentOrchestrator.redirect(r.actionUrl()))
                    .build(now), null);
            case PENDING -> new Change(b.status(PaymentStatus.PROCESSING)
                    .nextAction(r.instructions() == null ? p.nextAction()
                            : java.util.Map.of("type", "display_bank_transfer_instructions", "instructions", r.instructions()))
                    .build(now), null);
            case UNKNOWN -> new Change(b.status(PaymentStatus.UNKNOWN).build(now), null);
        };
    }
}
