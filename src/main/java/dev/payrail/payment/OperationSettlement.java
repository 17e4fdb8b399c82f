package dev.payrail.payment;

import java.time.Instant;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.audit.Actor;
import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.event.EventTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The reconciler's settlement of a capture or void whose answer was unknown or pending (payment
 * {@code capture_pending} or {@code cancel_pending}), by the provider's status — never by repeating the
 * capture or void:
 * <ul>
 * <li>captured → {@code captured} with the amount the provider captured, the order paid;
 * <li>still authorized → back to {@code authorized}: the operation did not take effect, and the merchant
 * may capture or cancel again (a new attempt with a new key). Only once the payment has waited
 * {@code payrail.reconciler.absent-after} since its last change: a request that timed out may still be
 * running at the provider, and must not be overtaken by the answer "authorized";
 * <li>voided → {@code cancelled}, the order open again;
 * <li>failed → a pending capture {@code failed} (no money was taken), a pending void {@code cancelled};
 * <li>pending, or no answer → unchanged; the next run asks again.
 * </ul>
 */
@Singleton
class OperationSettlement {

    private static final Logger LOG = Logger.getLogger(OperationSettlement.class);

    private final PaymentStore payments;
    private final ConnectorCalls calls;
    private final ReconcilerConfig config;
    private final MeterRegistry metrics;

    OperationSettlement(PaymentStore payments, ConnectorCalls calls, ReconcilerConfig config, MeterRegistry metrics) {
        this.payments = payments;
        this.calls = calls;
        this.config = config;
        this.metrics = metrics;
    }

    /** Whether the payment was settled; {@code false}: the provider has no final answer yet. */
    Uni<Boolean> settle(Reconciler.Due due, PaymentConnector connector) {
        Payment p = due.payment();
        return calls.call(connector, "status", p.id(), () -> connector.status(due.statusRequest())).chain(timed -> {
            ConnectorResult r = timed.result();
            Instant now = PaymentStore.now();
            PaymentAttempt check = PaymentAttempt.start(p, p.provider(), "status", now).finish(r, timed.latencyMs());
            boolean answered = !r.is(Outcome.UNKNOWN) && !r.is(Outcome.NOT_SENT);
            boolean lastChangeLongAgo = p.updatedAt().plus(config.absentAfter()).isBefore(now);
            Settled settled = answered ? settled(p, r, lastChangeLongAgo, now) : null;
            if (settled == null) {
                return payments.recordAttempt(check).replaceWith(false);
            }
            PaymentStatus status = settled.after().status();
            LOG.infof("reconciled %s %s at %s: %s", p.status().dbName(), p.id(), p.provider(), status.dbName());
            metrics.counter("payrail.reconciler.settled", "provider", p.provider(), "status", status.dbName()).increment();
            // Authorized again too: the merchant was told capture_pending or cancel_pending (202) and must learn
            // that the operation did not take effect.
            String event = EventTypes.forPayment(status);
            if (due.unansweredAttempt() == null) {
                return payments.apply(settled.after(), event, settled.orderStatus(), Actor.system("reconciler"),
                        "payment.reconcile", check, null).map(saved -> saved != null);
            }
            // The capture or void attempt never got its answer stored (the process died during the call):
            // what the provider reports finishes it, so no attempt stays in flight.
            PaymentAttempt finished = unanswered(p, due.unansweredAttempt(), status, r.providerReference());
            return payments.recordAttempt(check).chain(() -> payments.apply(settled.after(), event,
                    settled.orderStatus(), Actor.system("reconciler"), "payment.reconcile", finished, null))
                    .map(saved -> saved != null);
        });
    }

    /** The pending operation's attempt, finished: it succeeded if the payment reached its target state. */
    private static PaymentAttempt unanswered(Payment p, String attemptId, PaymentStatus settledTo, String reference) {
        boolean capturing = p.status() == PaymentStatus.CAPTURE_PENDING;
        boolean applied = capturing ? settledTo == PaymentStatus.CAPTURED : settledTo == PaymentStatus.CANCELLED;
        ConnectorResult outcome = applied ? ConnectorResult.succeeded(reference)
                : ConnectorResult.declined(reference, "not_applied", null,
                        "The provider reports the " + (capturing ? "capture" : "void") + " did not take effect.");
        return new PaymentAttempt(attemptId, p.id(), p.merchantId(), p.provider(), attemptId, capturing ? "capture" : "void",
                "in_flight", null, null, null, p.updatedAt(), null).finish(outcome, 0);
    }

    /** The payment after the provider's stage, and the order's new status; {@code null} while pending. */
    private record Settled(Payment after, String orderStatus) {
    }

    private static Settled settled(Payment p, ConnectorResult r, boolean lastChangeLongAgo, Instant now) {
        boolean capturing = p.status() == PaymentStatus.CAPTURE_PENDING;
        Payment.Builder b = p.change();
        return switch (r.stageOrPending()) {
            case CAPTURED -> new Settled(b.status(PaymentStatus.CAPTURED)
                    .captured(r.amountCaptured() != null ? r.amountCaptured() : p.amountAuthorized()).build(now), "paid");
            case AUTHORIZED -> lastChangeLongAgo ? new Settled(b.status(PaymentStatus.AUTHORIZED).build(now), null) : null;
            case VOIDED -> new Settled(b.status(PaymentStatus.CANCELLED).build(now), "attempted");
            case FAILED -> capturing
                    ? new Settled(b.status(PaymentStatus.FAILED).error("capture_failed",
                            r.message() == null ? "The provider did not capture the payment." : r.message(),
                            r.declineCode()).build(now), null)
                    : new Settled(b.status(PaymentStatus.CANCELLED).build(now), "attempted");
            case PENDING -> null;
        };
    }
}
