package dev.payrail.payment;

import java.time.Instant;
import java.util.EnumSet;

import jakarta.inject.Singleton;

import dev.payrail.audit.Actor;
import dev.payrail.common.ApiException;
import dev.payrail.common.Detached;
import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Operation;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.event.EventTypes;
import io.smallrye.mutiny.Uni;

/**
 * Cancels (voids) an authorized payment, the same way as {@link CaptureFlow}: {@code authorized →
 * cancel_pending} with the void attempt written {@code in_flight} and {@code reconcile_after} set in one
 * statement before the call; then cancelled (the order can be paid again), back to {@code authorized}
 * after a final refusal, or {@code cancel_pending} for the reconciler when the answer is unknown or pending.
 */
@Singleton
public class CancelFlow {

    private final PaymentStore payments;
    private final PaymentLookup lookup;
    private final ConnectorCalls calls;
    private final ReconcilerConfig reconciler;

    CancelFlow(PaymentStore payments, PaymentLookup lookup, ConnectorCalls calls, ReconcilerConfig reconciler) {
        this.payments = payments;
        this.lookup = lookup;
        this.calls = calls;
        this.reconciler = reconciler;
    }

    public Uni<Payment> cancel(String merchantId, String paymentId) {
        return lookup.require(merchantId, paymentId).chain(p -> {
            PaymentConnector connector = lookup.offering(p, Operation.VOID, "cancel");
            if (p.status() != PaymentStatus.AUTHORIZED) {
                throw ApiException.invalidState("payment", p.status().publicName(), "cancel");
            }
            Instant now = PaymentStore.now();
            PaymentAttempt attempt = PaymentAttempt.start(p, p.provider(), "void", now);
            Payment pending = p.change().status(PaymentStatus.CANCEL_PENDING).build(now);
            // Detached from the request from the first write on: the outcome is stored even if the client goes away.
            return Detached.run(() -> payments.apply(pending, null, null, Actor.merchant(merchantId), "payment.cancel",
                    attempt, now.plus(reconciler.inFlightGrace()))
                    .chain(saved -> saved == null ? lookup.<Payment>staleState(merchantId, paymentId, "cancel")
                            : call(saved, connector, attempt)));
        });
    }

    private Uni<Payment> call(Payment pending, PaymentConnector connector, PaymentAttempt attempt) {
        var request = new ConnectorRequests.Void(pending.id(), pending.providerReference(), attempt.providerKey(),
                pending.merchantId());
        return calls.call(connector, "void", pending.id(), () -> connector.voidAuthorization(request)).chain(timed -> {
            ConnectorResult result = timed.result();
            PaymentAttempt answered = attempt.finish(result, timed.latencyMs());
            Instant now = PaymentStore.now();
            return switch (result.outcome()) {
                case SUCCEEDED -> payments.apply(pending.change().status(PaymentStatus.CANCELLED).build(now),
                        EventTypes.forPayment(PaymentStatus.CANCELLED), "attempted", null, null, answered, null)
                        .chain(saved -> orSettled(saved, pending, answered));
                case DECLINED, NOT_SENT -> payments.apply(pending.change().status(PaymentStatus.AUTHORIZED).build(now),
                        null, null, null, null, answered, null)
                        .chain(saved -> Uni.createFrom().failure(PaymentLookup.providerRefused(result, "cancel")));
                case UNKNOWN, PENDING, REQUIRES_ACTION -> payments.apply(pending.change().build(now), null, null, null, null,
                        answered, now.plus(reconciler.firstDelay()))
                        .chain(saved -> orSettled(saved, pending, answered));
            };
        });
    }

    /** The stored payment; when it changed meanwhile, cancelled by the provider's own event is the answer too. */
    private Uni<Payment> orSettled(Payment saved, Payment pending, PaymentAttempt answered) {
        return saved != null ? Uni.createFrom().item(saved)
                : lookup.settledMeanwhile(pending, answered, EnumSet.of(PaymentStatus.CANCELLED), "cancel");
    }
}
