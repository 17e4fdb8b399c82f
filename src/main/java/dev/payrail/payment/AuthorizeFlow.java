package dev.payrail.payment;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.common.ApiException;
import dev.payrail.common.Detached;
import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.event.EventTypes;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.merchant.ThreeDSecureSettings;
import dev.payrail.merchant.ThreeDSecureStore;
import dev.payrail.order.Order;
import dev.payrail.order.OrderStore;
import dev.payrail.provider.ProviderAccounts;
import dev.payrail.ratelimit.RateLimitResponses;
import dev.payrail.ratelimit.RateLimiter;
import dev.payrail.risk.RiskEngine;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Creates and authorizes a payment: check the order → persist the payment {@code processing} with its
 * first attempt {@code in_flight} → call the provider (failing over while the attempt provably did not
 * reach it) → persist the outcome and its event. Two short statements per payment, no blocking. An
 * unknown answer, and a pending one from a provider that can be asked, leave the payment to the
 * reconciler ({@code reconcile_after}).
 */
@Singleton
public class AuthorizeFlow {

    private static final Logger LOG = Logger.getLogger(AuthorizeFlow.class);
    /** Where a payment whose authorization someone else stored first may be: anywhere past {@code processing}. */
    private static final Set<PaymentStatus> ANSWERED = EnumSet.complementOf(EnumSet.of(PaymentStatus.PROCESSING));
    static final String ONE_LIVE_PER_ORDER = "payments_one_live_per_order_uq";
    static final String IDEMPOTENCY_UNIQUE = "payments_merchant_idempotency_key_uq";

    private final PaymentStore payments;
    private final PaymentLookup lookup;
    private final OrderStore orders;
    private final RateLimiter rateLimiter;
    private final ProviderAccounts accounts;
    private final ConnectorCalls calls;
    private final ReconcilerConfig reconciler;
    private final ThreeDSecureStore threeDSecureRules;
    private final PayerExpiry expiry;
    private final PaymentRisk risk;
    private final OnFilePayments onFile;

    AuthorizeFlow(PaymentStore payments, PaymentLookup lookup, OrderStore orders,
            RateLimiter rateLimiter, ProviderAccounts accounts, ConnectorCalls calls, ReconcilerConfig reconciler,
            PaymentRisk risk, OnFilePayments onFile, ThreeDSecureStore threeDSecureRules, PayerExpiry expiry) {
        this.risk = risk;
        this.onFile = onFile;
        this.threeDSecureRules = threeDSecureRules;
        this.expiry = expiry;
        this.payments = payments;
        this.lookup = lookup;
        this.orders = orders;
        this.rateLimiter = rateLimiter;
        this.accounts = accounts;
        this.calls = calls;
        this.reconciler = reconciler;
    }

    /** The order is paid or has a live payment: {@code 409}, unless the request is a retry (see {@link #create}). */
    private static final class OrderTaken extends ApiException {
        OrderTaken() {
            super(409, "INVALID_STATE",
                    "The order is paid or has a payment in progress; it accepts at most one successful payment.",
                    "order_id");
        }
    }

    /**
     * Persists the payment as {@code processing}; then processes it now, or, with {@code queue},
     * leaves it to the async worker. A request whose order is taken is first looked up by its
     * idempotency key: a retry whose key Redis lost replays its own payment instead of {@code 409}.
     */
    Uni<PaymentOrchestrator.Created> create(String merchantId, CreatePaymentRequest request, String idempotencyKey,
            String requestFingerprint, boolean queue) {
        PaymentInput input = risk.validated(request);
        boolean async = queue && PaymentOrchestrator.canProcessAsync(input.method());
        return onFile.resolve(merchantId, input).chain(cardOnFile -> {
            PayerMethod payer = PayerMethod.of(input).withOnFile(cardOnFile);
            Uni<Order> order = input.orderId() == null ? Uni.createFrom().nullItem()
                    : requireOpenOrder(merchantId, input.orderId());
            return order.chain(existing -> {
                long amount = existing != null ? existing.amount() : input.amount();
                String currency = existing != null ? existing.currency() : input.currency();
                // The fraud rules decide before anything is written or sent (PaymentRisk); a blocked payment is
                // never queued. A saved method goes only to the provider that issued its token (OnFilePayments).
                return risk.evaluate(merchantId, request, input, amount, currency).chain(verdict -> accounts
                        .candidates(merchantId, input.method(), currency, amount, OnFilePayments.provider(input, cardOnFile))
                        .map(candidates -> PaymentRisk.plan(verdict,
                                OnFilePayments.fitting(cardOnFile, PaymentShapes.fitting(input, candidates))))
                        .chain(plan -> threeDSecure(merchantId, input, amount, currency)
                                .chain(threeDS -> insertAndProcess(merchantId, input, payer, idempotencyKey,
                                        requestFingerprint, async && !plan.verdict().assessment().blocks(), existing,
                                        amount, currency, plan.candidates(), plan.verdict(), threeDS))));
            }).onFailure(OrderTaken.class).recoverWithUni(taken -> replayOr(taken, merchantId, payer, idempotencyKey,
                    requestFingerprint, async));
        });
    }

    /**
     * The 3-D Secure decision for a card payment ({@code null} for other methods): an off-session payment
     * is never challenged; otherwise the merchant's rules ({@link ThreeDSecureSettings#decide}).
     */
    private Uni<java.util.Map<String, Object>> threeDSecure(String merchantId, PaymentInput input, long amount,
            String currency) {
        if (input.method() != dev.payrail.connector.PaymentMethodType.CARD) {
            return Uni.createFrom().nullItem();
        }
        if (input.offSession()) {
            return Uni.createFrom().item(ThreeDSecure.decided(ThreeDSecureSettings.Decision.REFUSE, "off_session"));
        }
        return threeDSecureRules.find(merchantId).map(rules -> {
            ThreeDSecureSettings.Decision d = rules.decide(amount, currency);
            String reason = d == ThreeDSecureSettings.Decision.AUTOMATIC ? null : rules.mode();
            return ThreeDSecure.decided(d, reason);
        });
    }

    /** The payment first made with this key (a retry), or the failure. */
    private Uni<PaymentOrchestrator.Created> replayOr(Throwable failure, String merchantId, PayerMethod input,
            String idempotencyKey, String requestFingerprint, boolean queue) {
        if (idempotencyKey == null) {
            return Uni.createFrom().failure(failure);
        }
        return payments.findByIdempotencyKey(merchantId, idempotencyKey).chain(keyed -> {
            if (keyed == null) {
                return Uni.createFrom().failure(failure);
            }
            IdempotencyContext.requireSameRequest(keyed.requestFingerprint(), requestFingerprint);
            return replay(keyed.payment(), input, queue);
        });
    }

    /**
     * A retry finds its payment. One still {@code processing} whose authorization attempt never got
     * an answer stored (the process died during the call, or the database failed after it) is not
     * answered as it stands: the attempt is resent under its own provider idempotency key, so the
     * provider replays the first answer (or takes the attempt now, once) and the retry reports the
     * real outcome. A queued payment is its worker's; any other payment is the answer.
     */
    private Uni<PaymentOrchestrator.Created> replay(Payment keyed, PayerMethod input, boolean queue) {
        if (keyed.status() != PaymentStatus.PROCESSING || queue) {
            return Uni.createFrom().item(new PaymentOrchestrator.Created(keyed, true));
        }
        return payments.attempts(keyed.merchantId(), keyed.id()).chain(attempts -> {
            PaymentAttempt unanswered = attempts.stream()
                    .filter(a -> "authorize".equals(a.operation()) && "in_flight".equals(a.outcome())
                            && a.provider().equals(keyed.provider()))
                    .reduce((first, last) -> last).orElse(null);
            if (unanswered == null) {
                return Uni.createFrom().item(new PaymentOrchestrator.Created(keyed, true));
            }
            LOG.infof("payment %s: a retry resends its unanswered attempt %s to %s", keyed.id(), unanswered.id(),
                    keyed.provider());
            PaymentConnector connector = lookup.connector(keyed);
            return Detached.run(() -> resend(keyed, input, connector, unanswered))
                    .map(p -> new PaymentOrchestrator.Created(p, true));
        });
    }

    /**
     * Resends an unanswered attempt under its provider key. An answer is stored as a live one would
     * be. A refusal that proves only that this try did not get through says nothing of the first
     * try, which may have reached the provider: the payment stays as it is (the reconciler asks the
     * provider) and the client is told to retry later.
     */
    private Uni<Payment> resend(Payment p, PayerMethod input, PaymentConnector connector, PaymentAttempt attempt) {
        var request = input.requestFor(p, attempt.providerKey());
        var saved = new java.util.concurrent.atomic.AtomicReference<dev.payrail.connector.ConnectorRequests.SavedCard>();
        return calls.call(connector, "authorize", p.id(), () -> input.authorize(connector, request, saved::set)).chain(timed -> {
            ConnectorResult result = noChallengeUnlessAllowed(p, timed.result());
            if (result.is(Outcome.NOT_SENT)) {
                return Uni.createFrom().failure(new ApiException(503, "PROVIDER_UNAVAILABLE",
                        "The provider did not take the resent attempt; the payment is still processing.", null)
                        .with("payment_id", p.id()).with("payment_status", p.status().publicName())
                        .header("Retry-After", "5"));
            }
            return onFile.recordSaved(p, input, connector, saved.get(), result).chain(linked -> save(
                    Outcomes.apply(linked, result, PaymentStore.now()), linked, attempt.finish(result, timed.latencyMs()),
                    connector));
        });
    }

    private Uni<PaymentOrchestrator.Created> insertAndProcess(String merchantId, PaymentInput input, PayerMethod payer,
            String idempotencyKey,
            String requestFingerprint, boolean queue, Order existing, long amount, String currency,
            List<PaymentConnector> candidates, RiskEngine.Evaluation verdict, java.util.Map<String, Object> threeDSecure) {
        Instant now = PaymentStore.now();
        Order newOrder = existing != null ? null
                : new Order(Ids.newId("order_"), merchantId, amount, currency, input.receipt(), null, "attempted", 1,
                        now, now);
        Payment fresh = Payment.draft().id(Ids.newId("pay_")).merchant(merchantId)
                .order(existing != null ? existing.id() : newOrder.id()).amount(amount, currency)
                .method(input.method(), payer.onFile() != null && payer.onFile().method() != null
                        ? payer.onFile().method().cardDetails() : input.maskedDetails())
                .onFile(payer.onFile() == null ? null : payer.onFile().customer().id(),
                        payer.onFile() == null || payer.onFile().method() == null ? null : payer.onFile().method().id(),
                        input.offSession())
                .manualCapture(PaymentRisk.manualCapture(input, verdict))
                .provider(candidates.get(0).name()).metadata(input.metadata()).idempotencyKey(idempotencyKey)
                .threeDSecure(threeDSecure).risk(verdict.stored()).processing(now);
        PaymentAttempt attempt = PaymentAttempt.start(fresh, fresh.provider(), "authorize", now);
        // A queued payment is recovered by its job's lease, not by the reconciler.
        Instant reconcileIfStuck = queue ? null : now.plus(reconciler.inFlightGrace());
        // From the insert on, the work is detached from the request: a client that goes away loses the
        // answer, never the outcome (the attempt written in_flight is always finished).
        // Concurrent payments for one order can deadlock on the order row and the one-live-payment index;
        // PostgreSQL rolled the loser back whole, so the same statement is simply run again.
        return Detached.run(() -> PaymentStore.rerunIfRolledBack(
                payments.insert(fresh, newOrder, attempt, reconcileIfStuck, requestFingerprint, queue))
                .onFailure(PgException.class).recoverWithUni(e -> onInsertConflict((PgException) e, merchantId,
                        idempotencyKey, requestFingerprint))
                .chain(inserted -> {
                    if (inserted == null) {
                        return Uni.createFrom().failure(new OrderTaken());
                    }
                    if (!inserted.id().equals(fresh.id())) {
                        return replay(inserted, payer, queue);
                    }
                    if (queue) {
                        return Uni.createFrom().item(new PaymentOrchestrator.Created(inserted, false, true));
                    }
                    if (verdict.assessment().blocks()) {
                        return risk.block(inserted, attempt).map(p -> new PaymentOrchestrator.Created(p, false));
                    }
                    return process(inserted, payer, candidates, 0, attempt).chain(risk::opened)
                            .map(p -> new PaymentOrchestrator.Created(p, false));
                }));
    }

    /**
     * The key was used before (Redis lost it, or is down): the payment PostgreSQL holds is the
     * answer, never a second charge.
     */
    private Uni<Payment> onInsertConflict(PgException e, String merchantId, String idempotencyKey,
            String requestFingerprint) {
        if (!"23505".equals(e.getSqlState())) {
            return Uni.createFrom().failure(e);
        }
        if (IDEMPOTENCY_UNIQUE.equals(e.getConstraint())) {
            return payments.findByIdempotencyKey(merchantId, idempotencyKey).map(keyed -> {
                IdempotencyContext.requireSameRequest(keyed.requestFingerprint(), requestFingerprint);
                return keyed.payment();
            });
        }
        if (ONE_LIVE_PER_ORDER.equals(e.getConstraint())) {
            return Uni.createFrom().failure(new OrderTaken());
        }
        return Uni.createFrom().failure(e);
    }

    /** The order, if it exists, is open, and has payment attempts left this hour. */
    private Uni<Order> requireOpenOrder(String merchantId, String orderId) {
        return rateLimiter.checkOrderAttempt(merchantId, orderId).chain(decision -> {
            if (!decision.allowed()) {
                throw RateLimitResponses.rejected(decision);
            }
            return orders.find(merchantId, orderId);
        }).map(o -> {
            if (o == null) {
                throw ApiException.notFound("order");
            }
            if ("paid".equals(o.status())) {
                throw new OrderTaken();
            }
            return o;
        });
    }

    /**
     * Calls the candidate at {@code index}. When the attempt provably did not reach the provider
     * (connection refused, circuit open, bulkhead full, a refusal that states nothing was
     * processed) the next candidate gets a new attempt; any other answer — a decline, an unknown
     * outcome — is final for this payment.
     */
    private Uni<Payment> process(Payment p, PayerMethod method, List<PaymentConnector> candidates, int index,
            PaymentAttempt attempt) {
        PaymentConnector connector = candidates.get(index);
        var request = method.requestFor(p, attempt.providerKey());
        var saved = new java.util.concurrent.atomic.AtomicReference<dev.payrail.connector.ConnectorRequests.SavedCard>();
        return calls.call(connector, "authorize", p.id(), () -> method.authorize(connector, request, saved::set)).chain(timed -> {
            ConnectorResult result = noChallengeUnlessAllowed(p, timed.result());
            PaymentAttempt done = attempt.finish(result, timed.latencyMs());
            if (result.is(Outcome.NOT_SENT) && index + 1 < candidates.size()) {
                PaymentAttempt next = PaymentAttempt.start(p, candidates.get(index + 1).name(), "authorize",
                        PaymentStore.now());
                LOG.infof("payment %s: %s did not take the attempt (%s); failing over to %s", p.id(), connector.name(),
                        result.errorCode(), next.provider());
                return payments.failover(p, done, next).chain(moved -> moved == null
                        ? Uni.createFrom().failure(new ApiException(409, "CONFLICT",
                                "The payment " + p.id() + " changed meanwhile; read it again.", null))
                        : process(moved, method, candidates, index + 1, next));
            }
            return onFile.recordSaved(p, method, connector, saved.get(), result).chain(linked -> save(
                    Outcomes.apply(linked, result, PaymentStore.now()), linked, done, connector));
        });
    }

    /**
     * A provider that asks to authenticate a payment for which no challenge may be played (off-session,
     * or the merchant's mode {@code never}) has declined it: {@code authentication_required}, and the
     * payer is never sent to the challenge. Nothing was charged (the provider holds the payment until an
     * authentication that never comes).
     */
    static ConnectorResult noChallengeUnlessAllowed(Payment p, ConnectorResult result) {
        if (!result.is(Outcome.REQUIRES_ACTION) || p.method() != dev.payrail.connector.PaymentMethodType.CARD
                || ThreeDSecure.mayChallenge(p)) {
            return result;
        }
        return ConnectorResult.declined(result.providerReference(), ThreeDSecure.AUTHENTICATION_REQUIRED,
                ThreeDSecure.AUTHENTICATION_REQUIRED, "The card issuer requires authentication, which this payment "
                        + ("off_session".equals(p.threeDSecure().get("reason")) ? "(off-session) cannot do."
                                : "may not do (the merchant's 3-D Secure mode is never)."));
    }

    /**
     * Processes a payment persisted for asynchronous processing, from its row (which holds
     * everything a non-card method needs). Same provider call and outcome path as {@link #create};
     * the attempt written with the payment is reused, so its provider idempotency key is resent
     * and a repeated run never charges twice.
     */
    Uni<Payment> processQueued(Payment p) {
        if (!PaymentOrchestrator.canProcessAsync(p.method())) {
            throw new IllegalArgumentException("card payments are never queued");
        }
        Map<String, Object> details = p.methodDetails() == null ? Map.of() : p.methodDetails();
        return payments.attempts(p.merchantId(), p.id()).chain(attempts -> {
            PaymentAttempt attempt = attempts.stream()
                    .filter(a -> "authorize".equals(a.operation()) && "in_flight".equals(a.outcome())
                            && a.provider().equals(p.provider()))
                    .findFirst()
                    .orElseGet(() -> PaymentAttempt.start(p, p.provider(), "authorize", PaymentStore.now()));
            return process(p, PayerMethod.stored(details), List.of(lookup.connector(p)), 0, attempt);
        });
    }

    /**
     * Stores the outcome. An unknown answer, and a pending one from a provider that answers status
     * queries, keep {@code reconcile_after} set, so the reconciler asks the provider until it knows.
     */
    private Uni<Payment> save(Outcomes.Change change, Payment before, PaymentAttempt attempt, PaymentConnector connector) {
        PaymentStatus after = change.after().status();
        boolean ask = after == PaymentStatus.UNKNOWN
                || attempt.outcome().equals("pending") && connector.offers(Operation.PAYMENT_STATUS)
                || expiry.awaitsPayer(change.after(), connector);
        Instant reconcileAfter = ask ? PaymentStore.now().plus(reconciler.firstDelay()) : null;
        String event = after == before.status() || after == PaymentStatus.UNKNOWN ? null : EventTypes.forPayment(after);
        return payments.apply(change.after(), event, change.orderStatus(), null, null, attempt, reconcileAfter)
                // The payment changed while its answer was on the way: a retry resending the same attempt, the
                // reconciler or the provider's own event stored the outcome first; that outcome is the answer.
                .chain(saved -> saved != null ? Uni.createFrom().item(saved)
                        : lookup.settledMeanwhile(before, attempt, ANSWERED, "authorize"));
    }
}
