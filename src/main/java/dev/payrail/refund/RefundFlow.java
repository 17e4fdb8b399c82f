package dev.payrail.refund;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.common.Detached;
import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentOrchestrator;
import dev.payrail.payment.async.AsyncConfig;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/payments/{id}/refunds}, top to bottom: validate; replay a refund made
 * earlier with the same idempotency key; find the payment's connector and check it offers this
 * refund, before anything is written; reserve the amount with the refund, its attempt, event and
 * audit row (one statement); call the provider through {@link ConnectorCalls} with the merchant's
 * credentials; store its answer with the attempt's outcome. An answer that is not final leaves the
 * refund pending for the {@link RefundSettler}.
 */
@Singleton
public class RefundFlow {

    private static final int MAX_REASON = 255;

    private final RefundStore refunds;
    private final PaymentOrchestrator payments;
    private final ConnectorRegistry connectors;
    private final ConnectorCalls calls;
    private final AsyncConfig async;

    RefundFlow(RefundStore refunds, PaymentOrchestrator payments, ConnectorRegistry connectors, ConnectorCalls calls,
            AsyncConfig async) {
        this.refunds = refunds;
        this.payments = payments;
        this.connectors = connectors;
        this.calls = calls;
        this.async = async;
    }

    public Uni<Refund> create(String merchantId, String paymentId, CreateRefundRequest request, String idempotencyKey,
            String requestFingerprint) {
        Long requested = request == null ? null : request.amount();
        String reason = request == null ? null : request.reason();
        validate(requested, reason);
        return earlier(merchantId, paymentId, idempotencyKey, requestFingerprint)
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        : refund(merchantId, paymentId, requested, reason, idempotencyKey, requestFingerprint));
    }

    private static void validate(Long amount, String reason) {
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON)) {
            throw ApiException.badRequest("reason must be 1 to " + MAX_REASON + " characters.", "reason");
        }
        if (amount != null && amount <= 0) {
            throw ApiException.badRequest("amount must be a positive integer in the currency's minor unit.", "amount");
        }
    }

    /** The refund first made with this idempotency key (after Redis lost the key), or {@code null}. */
    private Uni<Refund> earlier(String merchantId, String paymentId, String key, String fingerprint) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return refunds.findByIdempotencyKey(merchantId, key).map(keyed -> {
            if (keyed == null) {
                return null;
            }
            if (!keyed.refund().paymentId().equals(paymentId)) {
                throw IdempotencyContext.reused();
            }
            IdempotencyContext.requireSameRequest(keyed.requestFingerprint(), fingerprint);
            return keyed.refund();
        });
    }

    private Uni<Refund> refund(String merchantId, String paymentId, Long requested, String reason, String key,
            String fingerprint) {
        return payments.require(merchantId, paymentId).chain(p -> {
            long amount = requested != null ? requested : left(p);
            checkRefundable(p, amount);
            PaymentConnector connector = connectorFor(p, amount);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Refund pending = new Refund(Ids.newId("rfnd_"), merchantId, p.id(), amount, p.currency(), "pending", reason,
                    null, null, null, now, now);
            RefundAttempt attempt = RefundAttempt.refund(pending, connector.name(), now);
            // Detached from the request from the reservation on: the outcome is stored even if the client goes away.
            return Detached.run(() -> refunds.reserve(pending, attempt, key, fingerprint, now.plus(async.refundCheckAfter()))
                    .chain(reserved -> reserved == null ? refused(merchantId, paymentId, amount)
                            : call(connector, p, reserved, attempt)));
        });
    }

    /** What is left to refund: captured, less settled and pending refunds. */
    private static long left(Payment p) {
        return p.amountCaptured() - p.amountRefunded() - p.amountRefundPending();
    }

    private static void checkRefundable(Payment p, long amount) {
        if (!p.status().isRefundable()) {
            throw ApiException.invalidState("payment", p.status().publicName(), "refund");
        }
        if (amount <= 0 || amount > left(p)) {
            throw ApiException.badRequest("amount exceeds what is left to refund (" + left(p) + ").", "amount");
        }
    }

    /** The payment's connector, if it offers this refund; nothing has been written yet. */
    private PaymentConnector connectorFor(Payment p, long amount) {
        PaymentConnector connector = p.provider() == null ? null : connectors.get(p.provider());
        if (connector == null) {
            throw new ApiException(503, "PROVIDER_UNAVAILABLE",
                    "Provider " + p.provider() + " is not available; nothing was refunded.", null);
        }
        Operation needed = amount < left(p) ? Operation.PARTIAL_REFUND : Operation.REFUND;
        if (!connector.operations().contains(needed)) {
            throw new ApiException(422, "OPERATION_NOT_SUPPORTED", "Provider " + connector.name() + " does not offer "
                    + (needed == Operation.PARTIAL_REFUND ? "partial refunds" : "refunds") + " through Payrail.", null)
                    .with("provider", connector.name()).with("operation", needed.name().toLowerCase());
        }
        return connector;
    }

    /** The reservation did not fit: something changed since the payment was read; say what, from a fresh read. */
    private Uni<Refund> refused(String merchantId, String paymentId, long amount) {
        return payments.require(merchantId, paymentId).map(fresh -> {
            checkRefundable(fresh, amount);
            throw ApiException.badRequest("amount exceeds what is left to refund (" + left(fresh) + ").", "amount");
        });
    }

    private Uni<Refund> call(PaymentConnector connector, Payment p, Refund pending, RefundAttempt attempt) {
        var request = new ConnectorRequests.Refund(pending.id(), p.id(), p.providerReference(), attempt.providerKey(),
                pending.amount(), pending.currency(), pending.reason(), p.merchantId());
        return calls.call(connector, RefundAttempt.REFUND, pending.id(), () -> connector.refund(request))
                .chain(answer -> record(pending, attempt.finish(answer), answer.result()))
                .chain(saved -> saved != null ? Uni.createFrom().item(saved) : refunds.find(p.merchantId(), pending.id()));
    }

    /**
     * Succeeded: processed. Declined, or provably not sent: failed, releasing its reservation.
     * Pending or unknown: stays pending, checked by the settler from its next check time.
     */
    private Uni<Refund> record(Refund pending, RefundAttempt attempt, ConnectorResult result) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (result.is(Outcome.SUCCEEDED)) {
            return refunds.settle(pending, RefundStore.Settlement.PROCESSED, result.providerReference(), null, null,
                    attempt, now).map(s -> s == null ? null : s.refund());
        }
        if (result.is(Outcome.DECLINED) || result.is(Outcome.NOT_SENT)) {
            return refunds.settle(pending, RefundStore.Settlement.FAILED, result.providerReference(), result.errorCode(),
                    result.message(), attempt, now).map(s -> s == null ? null : s.refund());
        }
        return refunds.keepPending(pending, result.providerReference(), attempt, null, now);
    }
}
