package dev.payrail.payment;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.payrail.audit.Actor;
import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The reconciler's settlement of an authorization whose answer is unknown or pending (payment
 * {@code unknown} or {@code processing}): the provider's status moves it through the same state machine
 * as a live answer. A provider that still has no record of the attempt after
 * {@code payrail.reconciler.absent-after} never got it: the payment failed, nothing was charged.
 */
@ApplicationScoped
class AuthorizationSettlement {

    private static final Logger LOG = Logger.getLogger(AuthorizationSettlement.class);

    private final PaymentStore payments;
    private final ConnectorCalls calls;
    private final ReconcilerConfig config;
    private final MeterRegistry metrics;

    AuthorizationSettlement(PaymentStore payments, ConnectorCalls calls, ReconcilerConfig config, MeterRegistry metrics) {
        this.payments = payments;
        this.calls = calls;
        this.config = config;
        this.metrics = metrics;
    }

    /** Whether the payment was settled; {@code false}: the provider does not know yet, ask again later. */
    Uni<Boolean> settle(Reconciler.Due due, PaymentConnector connector) {
        Payment p = due.payment();
        return calls.call(connector, "status", p.id(), () -> connector.status(due.statusRequest())).chain(timed -> {
            ConnectorResult r = timed.result();
            PaymentAttempt check = PaymentAttempt.start(p, p.provider(), "status", PaymentStore.now())
                    .finish(r, timed.latencyMs());
            boolean absent = r.is(Outcome.NOT_SENT) && ConnectorResult.NO_RECORD.equals(r.errorCode())
                    && p.createdAt().plus(config.absentAfter()).isBefore(PaymentStore.now());
            boolean known = r.is(Outcome.SUCCEEDED) || r.is(Outcome.DECLINED) || r.is(Outcome.REQUIRES_ACTION);
            if (!known && !absent) {
                return payments.recordAttempt(check).replaceWith(false);
            }
            Outcomes.Change change = Outcomes.apply(p, r, PaymentStore.now());
            LOG.infof("reconciled %s at %s: %s", p.id(), p.provider(), change.after().status().dbName());
            metrics.counter("payrail.reconciler.settled", "provider", p.provider(),
                    "status", change.after().status().dbName()).increment();
            if (due.unansweredAttempt() == null) {
                return payments.transition(change.after(), change.orderStatus(), Actor.system("reconciler"),
                        "payment.reconcile", check, null).map(saved -> saved != null);
            }
            // The authorization attempt never got its answer stored (the process died during the call):
            // the provider's answer finishes it, so no attempt stays in flight.
            PaymentAttempt answered = new PaymentAttempt(due.unansweredAttempt(), p.id(), p.merchantId(), p.provider(),
                    due.attemptKey(), "authorize", "in_flight", null, null, null, p.createdAt(), null).finish(r, 0);
            return payments.recordAttempt(check).chain(() -> payments.transition(change.after(), change.orderStatus(),
                    Actor.system("reconciler"), "payment.reconcile", answered, null)).map(saved -> saved != null);
        });
    }
}
