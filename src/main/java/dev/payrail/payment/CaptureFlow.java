package dev.payrail.payment;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

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
 * Captures an authorized payment, as safely as it was authorized:
 * <ol>
 * <li>one statement moves it {@code authorized → capture_pending} (version check: of two concurrent
 * captures one wins, the other is {@code 409}), writes the capture attempt {@code in_flight} — its id is
 * the provider's idempotency key for every retry of the call — and sets {@code reconcile_after}, so a
 * process that dies during the call leaves the payment to the reconciler;
 * <li>the provider call, with the merchant's credentials;
 * <li>one statement stores the answer: captured (the order is paid); a final refusal that changed
 * nothing back to {@code authorized} and a {@code 502}/{@code 503} problem; an unknown or pending answer
 * stays {@code capture_pending} for the reconciler, which asks the provider's status — never captures again.
 * </ol>
 */
@Singleton
public class CaptureFlow {

    /** Where a capture the provider's event stored first may already be when our answer arrives. */
    private static final Set<PaymentStatus> CAPTURED_OR_LATER = EnumSet.of(PaymentStatus.CAPTURED,
            PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED, PaymentStatus.DISPUTED);

    private final PaymentStore payments;
    private final PaymentLookup lookup;
    private final ConnectorCalls calls;
    private final ReconcilerConfig reconciler;

    CaptureFlow(PaymentStore payments, PaymentLookup lookup, ConnectorCalls calls, ReconcilerConfig reconciler) {
        this.payments = payments;
        this.lookup = lookup;
        this.calls = calls;
        this.reconciler = reconciler;
    }

    /** Captures {@code requested} (the whole authorized amount when {@code null}). */
    public Uni<Payment> capture(String merchantId, String paymentId, Long requested) {
        return lookup.require(merchantId, paymentId).chain(p -> {
            PaymentConnector connector = lookup.offering(p, Operation.CAPTURE, "capture");
            if (p.status() != PaymentStatus.AUTHORIZED) {
                throw ApiException.invalidState("payment", p.status().publicName(), "capture");
            }
            long amount = requested == null ? p.amountAuthorized() : requested;
            if (amount <= 0 || amount > p.amountAuthorized()) {
                throw ApiException.badRequest("amount must be between 1 and the authorized amount ("
                        + p.amountAuthorized() + ").", "amount");
            }
            if (amount < p.amountAuthorized()) {
                lookup.offering(p, Operation.PARTIAL_CAPTURE, "capture");
            }
            Instant now = PaymentStore.now();
            PaymentAttempt attempt = PaymentAttempt.capture(p, amount, now);
            Payment pending = p.change().status(PaymentStatus.CAPTURE_PENDING).build(now);
            // Detached from the request from the first write on: the outcome is stored even if the client goes away.
            return Detached.run(() -> payments.apply(pending, null, null, Actor.merchant(merchantId), "payment.capture",
                    attempt, now.plus(reconciler.inFlightGrace()))
                    .chain(saved -> saved == null ? lookup.<Payment>staleState(merchantId, paymentId, "capture")
                            : call(saved, connector, attempt, amount)));
        });
    }

    private Uni<Payment> call(Payment pending, PaymentConnector connector, PaymentAttempt attempt, long amount) {
        var request = new ConnectorRequests.Capture(pending.id(), pending.providerReference(), attempt.providerKey(),
                amount, pending.currency(), true, pending.merchantId());
        return calls.call(connector, "capture", pending.id(), () -> connector.capture(request)).chain(timed -> {
            ConnectorResult result = timed.result();
            PaymentAttempt answered = attempt.finish(result, timed.latencyMs());
            Instant now = PaymentStore.now();
            return switch (result.outcome()) {
                case SUCCEEDED -> payments.apply(pending.change().status(PaymentStatus.CAPTURED).captured(amount).build(now),
                        EventTypes.forPayment(PaymentStatus.CAPTURED), "paid", null, null, answered, null)
                        .chain(saved -> orSettled(saved, pending, answered));
                case DECLINED, NOT_SENT -> payments.apply(pending.change().status(PaymentStatus.AUTHORIZED).build(now),
                        null, null, null, null, answered, null)
                        .chain(saved -> Uni.createFrom().failure(PaymentLookup.providerRefused(result, "capture")));
                case UNKNOWN, PENDING, REQUIRES_ACTION -> payments.apply(pending.change().build(now), null, null, null, null,
                        answered, now.plus(reconciler.firstDelay()))
                        .chain(saved -> orSettled(saved, pending, answered));
            };
        });
    }

    /** The stored payment; when it changed meanwhile, captured by the provider's own event is the answer too. */
    private Uni<Payment> orSettled(Payment saved, Payment pending, PaymentAttempt answered) {
        return saved != null ? Uni.createFrom().item(saved)
                : lookup.settledMeanwhile(pending, answered, CAPTURED_OR_LATER, "capture");
    }
}
