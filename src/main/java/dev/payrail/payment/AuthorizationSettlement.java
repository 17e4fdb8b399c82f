package dev.payrail.payment;

import jakarta.inject.Singleton;

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
 * A {@code requires_action} payment whose payer acts away from Payrail (QR code, provider page) is
 * asked about the same way, so a lost notification does not leave it waiting; once the payer's
 * window has passed, {@link PayerExpiry} closes it.
 */
@Singleton
class AuthorizationSettlement {

    private static final Logger LOG = Logger.getLogger(AuthorizationSettlement.class);

    private final PaymentStore payments;
    private final ConnectorCalls calls;
    private final ReconcilerConfig config;
    private final MeterRegistry metrics;
    private final PayerExpiry expiry;

    AuthorizationSettlement(PaymentStore payments, ConnectorCalls calls, ReconcilerConfig config, MeterRegistry metrics,
            PayerExpiry expiry) {
        this.payments = payments;
        this.calls = calls;
        this.config = config;
        this.metrics = metrics;
        this.expiry = expiry;
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
            boolean awaitingPayer = p.status() == PaymentStatus.REQUIRES_ACTION;
            boolean known = r.is(Outcome.SUCCEEDED) || r.is(Outcome.DECLINED)
                    || r.is(Outcome.REQUIRES_ACTION) && !awaitingPayer;
            if (awaitingPayer && !known) {
                // Not paid yet (or no answer): wait, unless the payer's time is up. A provider with no
                // record of an order it showed a code for is not taken as a failure before then either.
                return expiry.due(p, connector, PaymentStore.now()) ? expiry.expire(p, connector, check)
                        : payments.recordAttempt(check).replaceWith(false);
            }
            if (!known && !absent) {
                return payments.recordAttempt(check).replaceWith(false);
            }
            Outcomes.Change change = Outcomes.apply(p, r, PaymentStore.now());
            LOG.infof("reconciled %s at %s: %s", p.id(), p.provider(), change.after().status().dbName());
            metrics.counter("payrail.reconciler.settled", "provider", p.provider(),
                    "status", change.after().status().dbName()).increment();
            // An unknown answer that turns out to be a QR code or a provider page: keep asking until the payer is done.
            java.time.Instant askAgain = expiry.awaitsPayer(change.after(), connector)
                    ? PaymentStore.now().plus(config.firstDelay()) : null;
            if (due.unansweredAttempt() == null) {
                return payments.transition(change.after(), change.orderStatus(), Actor.system("reconciler"),
                        "payment.reconcile", check, askAgain).map(saved -> saved != null);
            }
            // The authorization attempt never got its answer stored (the process died during the call):
            // the provider's answer finishes it, so no attempt stays in flight.
            PaymentAttempt answered = new PaymentAttempt(due.unansweredAttempt(), p.id(), p.merchantId(), p.provider(),
                    due.attemptKey(), "authorize", "in_flight", null, null, null, p.createdAt(), null).finish(r, 0);
            return payments.recordAttempt(check).chain(() -> payments.transition(change.after(), change.orderStatus(),
                    Actor.system("reconciler"), "payment.reconcile", answered, askAgain)).map(saved -> saved != null);
        });
    }
}
