package dev.payrail.refund;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentOrchestrator;
import io.smallrye.mutiny.Uni;

/** Refunds: reserve the amount, ask the provider, record its answer. */
@ApplicationScoped
public class RefundService {

    private static final Logger LOG = Logger.getLogger(RefundService.class);
    private static final int MAX_REASON = 255;

    private final RefundStore refunds;
    private final PaymentOrchestrator payments;
    private final ConnectorRegistry connectors;

    RefundService(RefundStore refunds, PaymentOrchestrator payments, ConnectorRegistry connectors) {
        this.refunds = refunds;
        this.payments = payments;
        this.connectors = connectors;
    }

    public Uni<Refund> create(String merchantId, String paymentId, CreateRefundRequest request, String idempotencyKey,
            String requestFingerprint) {
        Long requested = request == null ? null : request.amount();
        String reason = request == null ? null : request.reason();
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON)) {
            throw ApiException.badRequest("reason must be 1 to " + MAX_REASON + " characters.", "reason");
        }
        if (requested != null && requested <= 0) {
            throw ApiException.badRequest("amount must be a positive integer in the currency's minor unit.", "amount");
        }
        Uni<Refund> earlier = idempotencyKey == null ? Uni.createFrom().nullItem()
                : refunds.findByIdempotencyKey(merchantId, idempotencyKey).map(keyed -> {
                    if (keyed == null) {
                        return null;
                    }
                    if (!keyed.refund().paymentId().equals(paymentId)) {
                        throw IdempotencyContext.reused();
                    }
                    IdempotencyContext.requireSameRequest(keyed.requestFingerprint(), requestFingerprint);
                    return keyed.refund();
                });
        return earlier.chain(found -> found != null ? Uni.createFrom().item(found)
                : reserveAndRefund(merchantId, paymentId, requested, reason, idempotencyKey, requestFingerprint));
    }

    private Uni<Refund> reserveAndRefund(String merchantId, String paymentId, Long requested, String reason,
            String idempotencyKey, String requestFingerprint) {
        return payments.require(merchantId, paymentId).chain(p -> {
            checkRefundable(p, requested);
            long amount = requested != null ? requested : p.amountCaptured() - p.amountRefunded();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Refund pending = new Refund(Ids.newId("rfnd_"), merchantId, p.id(), amount, p.currency(), "pending", reason,
                    null, null, null, now, now);
            return refunds.reserve(pending, idempotencyKey, requestFingerprint).chain(reserved -> {
                if (reserved == null) {
                    // Something changed since we read the payment: say what, from a fresh read.
                    return payments.require(merchantId, paymentId).map(fresh -> {
                        checkRefundable(fresh, amount);
                        throw exceeds(fresh);
                    });
                }
                return callProvider(p, reserved);
            });
        });
    }

    private static void checkRefundable(Payment p, Long amount) {
        if (!p.status().isRefundable()) {
            throw ApiException.invalidState("payment", p.status().publicName(), "refund");
        }
        if (amount != null && amount > p.amountCaptured() - p.amountRefunded()) {
            throw exceeds(p);
        }
    }

    private static ApiException exceeds(Payment p) {
        return ApiException.badRequest("amount exceeds what is left to refund (" + (p.amountCaptured() - p.amountRefunded())
                + ").", "amount");
    }

    private Uni<Refund> callProvider(Payment p, Refund pending) {
        PaymentConnector connector = connectors.get(p.provider());
        var request = new ConnectorRequests.Refund(pending.id(), p.id(), p.providerReference(), pending.id(),
                pending.amount(), pending.currency(), pending.reason(), p.merchantId());
        return connector.refund(request)
                .onFailure().recoverWithItem(t -> {
                    LOG.warnf("refund %s: provider %s did not answer: %s", pending.id(), p.provider(), t.toString());
                    return dev.payrail.connector.ConnectorFailures.toResult(t);
                })
                .chain(result -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    if (result.is(Outcome.SUCCEEDED)) {
                        return refunds.settle(pending, "processed", result.providerReference(), null, null, now)
                                .map(s -> s == null ? pending : s.refund());
                    }
                    if (result.is(Outcome.DECLINED) || result.is(Outcome.NOT_SENT)) {
                        return refunds.settle(pending, "failed", result.providerReference(), result.errorCode(),
                                result.message(), now).map(s -> s == null ? pending : s.refund());
                    }
                    // Pending or unknown: the provider settles it later (webhook or RefundSettler).
                    if (result.providerReference() != null) {
                        return refunds.recordReference(pending.id(), result.providerReference())
                                .map(saved -> saved == null ? pending : saved);
                    }
                    return Uni.createFrom().item(pending);
                });
    }

    public Uni<Refund> require(String merchantId, String id) {
        return refunds.find(merchantId, id).onItem().ifNull().failWith(() -> ApiException.notFound("refund"));
    }
}
