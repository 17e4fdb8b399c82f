package dev.payrail.payment;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.audit.Actor;
import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The end of a {@code requires_action} payment whose payer never finished away from Payrail (a QR code
 * nobody scanned, a provider page left open) once the connector's
 * {@link PaymentConnector#payerWindow() payer window} has passed. The provider's order is closed
 * first ({@link PaymentConnector#voidAuthorization}, where the provider offers it), so nobody can pay
 * it any more; only when the provider confirms the close, or has no record of the order, does the
 * payment fail as {@code payment_expired}. A close the provider refuses (the payer paid a moment ago)
 * or does not answer leaves the payment as it is: the next status query tells what happened.
 */
@Singleton
class PayerExpiry {

    static final String ERROR_CODE = "payment_expired";
    private static final Logger LOG = Logger.getLogger(PayerExpiry.class);

    private final PaymentStore payments;
    private final ConnectorCalls calls;
    private final MeterRegistry metrics;

    @jakarta.inject.Inject
    dev.payrail.merchant.ThreeDSecureConfig threeDSecure;

    PayerExpiry(PaymentStore payments, ConnectorCalls calls, MeterRegistry metrics) {
        this.payments = payments;
        this.calls = calls;
        this.metrics = metrics;
    }

    /**
     * The payer's time for {@code p}: the connector's {@link PaymentConnector#payerWindow() payer window},
     * else for a card payment's 3-D Secure challenge {@code payrail.three-d-secure.challenge-window}.
     */
    java.util.Optional<Duration> window(Payment p, PaymentConnector connector) {
        if (connector.payerWindow().isPresent()) {
            return connector.payerWindow();
        }
        return p.method() == dev.payrail.connector.PaymentMethodType.CARD && p.threeDSecure() != null
                ? java.util.Optional.of(threeDSecure.challengeWindow()) : java.util.Optional.empty();
    }

    /**
     * Whether the reconciler asks the provider about {@code after} while its payer acts: a payer away from
     * Payrail (a QR code, a provider's page, a 3-D Secure challenge) may never come back and the provider's
     * notification may be lost, so the provider is asked until the payment is final or the window has passed.
     */
    boolean awaitsPayer(Payment after, PaymentConnector connector) {
        return after.status() == PaymentStatus.REQUIRES_ACTION && window(after, connector).isPresent()
                && connector.offers(Operation.PAYMENT_STATUS);
    }

    /** Whether the payer's time for {@code p} is up at {@code now}. */
    boolean due(Payment p, PaymentConnector connector, Instant now) {
        Duration window = window(p, connector).orElse(null);
        return window != null && p.createdAt().plus(window).isBefore(now);
    }

    /**
     * Closes the provider's order of {@code p} and fails the payment; {@code check} is the status query
     * that found the payer still had not paid. Whether the payment was settled.
     */
    Uni<Boolean> expire(Payment p, PaymentConnector connector, PaymentAttempt check) {
        if (!connector.offers(Operation.VOID)) {
            return fail(p, connector, check, null);
        }
        PaymentAttempt close = PaymentAttempt.start(p, p.provider(), "void", PaymentStore.now());
        var request = new ConnectorRequests.Void(p.id(), p.providerReference(), close.providerKey(), p.merchantId());
        return payments.recordAttempt(check)
                .chain(() -> calls.call(connector, "void", p.id(), () -> connector.voidAuthorization(request)))
                .chain(timed -> {
                    ConnectorResult r = timed.result();
                    PaymentAttempt closed = close.finish(r, timed.latencyMs());
                    boolean gone = r.is(Outcome.SUCCEEDED)
                            || r.is(Outcome.NOT_SENT) && ConnectorResult.NO_RECORD.equals(r.errorCode());
                    if (!gone) {
                        LOG.infof("payment %s: %s did not close the expired order (%s); asking its status again",
                                p.id(), p.provider(), r.errorCode());
                        return payments.recordAttempt(closed).replaceWith(false);
                    }
                    return fail(p, connector, null, closed);
                });
    }

    private Uni<Boolean> fail(Payment p, PaymentConnector connector, PaymentAttempt check, PaymentAttempt closed) {
        long minutes = window(p, connector).map(Duration::toMinutes).orElse(0L);
        Payment after = p.change().status(PaymentStatus.FAILED).nextAction(null)
                .error(ERROR_CODE, "The payer did not complete the payment within " + minutes + " minutes.", null)
                .build(PaymentStore.now());
        Uni<Void> first = check == null ? Uni.createFrom().voidItem() : payments.recordAttempt(check).replaceWithVoid();
        return first.chain(() -> payments.transition(after, null, Actor.system("reconciler"), "payment.expire", closed, null))
                .map(saved -> {
                    if (saved != null) {
                        LOG.infof("payment %s at %s expired: the payer did not finish", p.id(), p.provider());
                        metrics.counter("payrail.payments.expired", "provider", p.provider()).increment();
                    }
                    return saved != null;
                });
    }
}
