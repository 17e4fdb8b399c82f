package dev.payrail.payment;

import dev.payrail.connector.PaymentMethodType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.payrail.audit.Actor;
import dev.payrail.card.CardValidator;
import dev.payrail.card.ValidatedCard;
import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.Outcome;
import dev.payrail.event.EventTypes;
import dev.payrail.provider.ProviderAccounts;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.order.Order;
import dev.payrail.order.OrderStore;
import dev.payrail.ratelimit.RateLimitResponses;
import dev.payrail.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Runs payments: check the order → persist the payment as {@code processing} → call the
 * connector → persist the outcome and its event. Two short statements per payment, no blocking.
 */
@ApplicationScoped
public class PaymentOrchestrator {

    private static final Logger LOG = Logger.getLogger(PaymentOrchestrator.class);
    static final String ONE_LIVE_PER_ORDER = "payments_one_live_per_order_uq";
    static final String IDEMPOTENCY_UNIQUE = "payments_merchant_idempotency_key_uq";

    private final PaymentStore payments;
    private final OrderStore orders;
    private final ConnectorRegistry connectors;
    private final CardValidator cards;
    private final RateLimiter rateLimiter;

    private final ProviderAccounts accounts;
    private final ConnectorCalls calls;
    private final ReconcilerConfig reconciler;

    PaymentOrchestrator(PaymentStore payments, OrderStore orders, ConnectorRegistry connectors, CardValidator cards,
            RateLimiter rateLimiter, ProviderAccounts accounts, ConnectorCalls calls, ReconcilerConfig reconciler) {
        this.payments = payments;
        this.orders = orders;
        this.connectors = connectors;
        this.cards = cards;
        this.rateLimiter = rateLimiter;
        this.accounts = accounts;
        this.calls = calls;
        this.reconciler = reconciler;
    }

    /**
     * The result of {@link #create}: the payment, whether it already existed (idempotent replay),
     * and whether it was queued for asynchronous processing.
     */
    public record Created(Payment payment, boolean replayed, boolean queued) {
        public Created(Payment payment, boolean replayed) {
            this(payment, replayed, false);
        }
    }

    /**
     * Card data is never stored, so only payments without it can wait for a worker: cards are
     * processed at once whatever the caller prefers.
     */
    public static boolean canProcessAsync(PaymentMethodType method) {
        return method != PaymentMethodType.CARD;
    }

    /**
     * Persists the payment as {@code processing}; then processes it now, or, with
     * {@code respondAsync} and a method that allows it, leaves it to the async worker
     * ({@link #processQueued}). {@code requestFingerprint} is stored with the idempotency key, so
     * PostgreSQL can tell a retry from a reuse of the key.
     */
    public Uni<Created> create(String merchantId, CreatePaymentRequest request, String idempotencyKey,
            String requestFingerprint, boolean respondAsync) {
        PaymentInput input = PaymentInput.validate(request, cards);
        boolean queue = respondAsync && canProcessAsync(input.method());
        Uni<Order> order = input.orderId() == null ? Uni.createFrom().nullItem() : requireOpenOrder(merchantId, input.orderId());
        return order.chain(existing -> {
            long amount = existing != null ? existing.amount() : input.amount();
            String currency = existing != null ? existing.currency() : input.currency();
            return accounts.candidates(merchantId, input.method(), currency, amount, input.provider())
                    .chain(candidates -> insertAndProcess(merchantId, input, idempotencyKey, requestFingerprint, queue,
                            existing, amount, currency, candidates));
        });
    }

    private Uni<Created> insertAndProcess(String merchantId, PaymentInput input, String idempotencyKey,
            String requestFingerprint, boolean queue, Order existing, long amount, String currency,
            List<PaymentConnector> candidates) {
        Instant now = PaymentStore.now();
        Order newOrder = existing != null ? null
                : new Order(Ids.newId("order_"), merchantId, amount, currency, input.receipt(), null, "attempted", 1,
                        now, now);
        Payment fresh = new Payment(Ids.newId("pay_"), merchantId, existing != null ? existing.id() : newOrder.id(),
                amount, currency, PaymentStatus.PROCESSING, input.method(), input.maskedDetails(),
                input.manualCapture() ? "manual" : "automatic", candidates.get(0).name(), null, 0, 0, 0, 0, null, null,
                null, null, input.metadata(), idempotencyKey, 1, now, now);
        PaymentAttempt attempt = PaymentAttempt.start(fresh, fresh.provider(), "authorize", now);
        // A queued payment is recovered by its job's lease, not by the reconciler.
        Instant reconcileIfStuck = queue ? null : now.plus(reconciler.inFlightGrace());
        return payments.insert(fresh, newOrder, attempt, reconcileIfStuck, requestFingerprint, queue)
                .onFailure(PgException.class).recoverWithUni(e -> onInsertConflict((PgException) e, merchantId,
                        idempotencyKey, requestFingerprint))
                .chain(inserted -> {
                    if (inserted == null) {
                        return Uni.createFrom().failure(orderAlreadyPaid());
                    }
                    if (!inserted.id().equals(fresh.id())) {
                        return Uni.createFrom().item(new Created(inserted, true));
                    }
                    if (queue) {
                        return Uni.createFrom().item(new Created(inserted, false, true));
                    }
                    return process(inserted, input.card(), input.vpa(), input.wallet(), candidates, 0, attempt)
                            .map(p -> new Created(p, false));
                });
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
        if (e.getConstraint() != null && e.getConstraint().equals(IDEMPOTENCY_UNIQUE)) {
            return payments.findByIdempotencyKey(merchantId, idempotencyKey).map(keyed -> {
                IdempotencyContext.requireSameRequest(keyed.requestFingerprint(), requestFingerprint);
                return keyed.payment();
            });
        }
        if (e.getConstraint() != null && e.getConstraint().equals(ONE_LIVE_PER_ORDER)) {
            return Uni.createFrom().failure(orderAlreadyPaid());
        }
        return Uni.createFrom().failure(e);
    }

    private static ApiException orderAlreadyPaid() {
        return new ApiException(409, "INVALID_STATE",
                "The order is paid or has a payment in progress; it accepts at most one successful payment.", "order_id");
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
                throw orderAlreadyPaid();
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
    private Uni<Payment> process(Payment p, ValidatedCard card, String vpa, String wallet,
            List<PaymentConnector> candidates, int index, PaymentAttempt attempt) {
        PaymentConnector connector = candidates.get(index);
        var request = new ConnectorRequests.Authorize(p.id(), p.merchantId(), attempt.providerKey(), p.amount(),
                p.currency(), p.method(), card, vpa, wallet, !p.manualCapture());
        return calls.call(connector, "authorize", p.id(), () -> connector.authorize(request)).chain(timed -> {
            ConnectorResult result = timed.result();
            PaymentAttempt done = attempt.finish(result, timed.latencyMs());
            if (result.is(Outcome.NOT_SENT) && index + 1 < candidates.size()) {
                PaymentAttempt next = PaymentAttempt.start(p, candidates.get(index + 1).name(), "authorize",
                        PaymentStore.now());
                LOG.infof("payment %s: %s did not take the attempt (%s); failing over to %s", p.id(), connector.name(),
                        result.errorCode(), next.provider());
                return payments.failover(p, done, next).chain(moved -> moved == null
                        ? Uni.createFrom().failure(new ApiException(409, "CONFLICT",
                                "The payment " + p.id() + " changed meanwhile; read it again.", null))
                        : process(moved, card, vpa, wallet, candidates, index + 1, next));
            }
            return save(Outcomes.apply(p, result, PaymentStore.now()), p, done);
        });
    }

    /**
     * Processes a payment persisted for asynchronous processing, from its row (which holds
     * everything a non-card method needs). Same provider call and outcome path as {@link #create};
     * the attempt written with the payment is reused, so its provider idempotency key is resent
     * and a repeated run never charges twice.
     */
    public Uni<Payment> processQueued(Payment p) {
        if (!canProcessAsync(p.method())) {
            throw new IllegalArgumentException("card payments are never queued");
        }
        Map<String, Object> details = p.methodDetails() == null ? Map.of() : p.methodDetails();
        return payments.attempts(p.merchantId(), p.id()).chain(attempts -> {
            PaymentAttempt attempt = attempts.stream()
                    .filter(a -> "authorize".equals(a.operation()) && "in_flight".equals(a.outcome())
                            && a.provider().equals(p.provider()))
                    .findFirst()
                    .orElseGet(() -> PaymentAttempt.start(p, p.provider(), "authorize", PaymentStore.now()));
            return process(p, null, (String) details.get("vpa"), (String) details.get("wallet"), List.of(connector(p)),
                    0, attempt);
        });
    }

    private Uni<Payment> save(Outcomes.Change change, Payment before, PaymentAttempt attempt) {
        Instant reconcileAfter = change.after().status() == PaymentStatus.UNKNOWN
                ? PaymentStore.now().plus(reconciler.firstDelay()) : null;
        String event = change.after().status() == before.status() || change.after().status() == PaymentStatus.UNKNOWN
                ? null : EventTypes.forPayment(change.after().status());
        return payments.apply(change.after(), event, change.orderStatus(), null, null, attempt, reconcileAfter)
                .map(p -> orStale(p, before));
    }

    private static Payment orStale(Payment saved, Payment before) {
        if (saved == null) {
            throw new ApiException(409, "CONFLICT", "The payment " + before.id() + " changed meanwhile; read it again.", null);
        }
        return saved;
    }

    public Uni<Payment> capture(String merchantId, String paymentId, Long requested) {
        return require(merchantId, paymentId).chain(p -> {
            if (p.status() != PaymentStatus.AUTHORIZED) {
                throw ApiException.invalidState("payment", p.status().publicName(), "capture");
            }
            long amount = requested == null ? p.amountAuthorized() : requested;
            if (amount <= 0 || amount > p.amountAuthorized()) {
                throw ApiException.badRequest("amount must be between 1 and the authorized amount ("
                        + p.amountAuthorized() + ").", "amount");
            }
            PaymentConnector connector = connector(p);
            PaymentAttempt attempt = PaymentAttempt.start(p, p.provider(), "capture", PaymentStore.now());
            var request = new ConnectorRequests.Capture(p.id(), p.providerReference(), attempt.providerKey(), amount,
                    p.currency(), true, merchantId);
            return calls.call(connector, "capture", p.id(), () -> connector.capture(request)).chain(timed -> {
                ConnectorResult result = timed.result();
                if (!result.is(Outcome.SUCCEEDED)) {
                    return payments.recordAttempt(attempt.finish(result, timed.latencyMs()))
                            .chain(() -> Uni.createFrom().<Payment>failure(providerRefused(result, "capture")));
                }
                Payment after = p.change().status(PaymentStatus.CAPTURED).captured(amount).build(PaymentStore.now());
                return payments.transition(after, "paid", Actor.merchant(merchantId), "payment.capture",
                        attempt.finish(result, timed.latencyMs()), null)
                        .chain(saved -> saved != null ? Uni.createFrom().item(saved) : staleState(merchantId, paymentId, "capture"));
            });
        });
    }

    public Uni<Payment> cancel(String merchantId, String paymentId) {
        return require(merchantId, paymentId).chain(p -> {
            if (p.status() != PaymentStatus.AUTHORIZED) {
                throw ApiException.invalidState("payment", p.status().publicName(), "cancel");
            }
            PaymentConnector connector = connector(p);
            PaymentAttempt attempt = PaymentAttempt.start(p, p.provider(), "void", PaymentStore.now());
            var request = new ConnectorRequests.Void(p.id(), p.providerReference(), attempt.providerKey(), merchantId);
            return calls.call(connector, "void", p.id(), () -> connector.voidAuthorization(request)).chain(timed -> {
                ConnectorResult result = timed.result();
                if (!result.is(Outcome.SUCCEEDED)) {
                    return payments.recordAttempt(attempt.finish(result, timed.latencyMs()))
                            .chain(() -> Uni.createFrom().<Payment>failure(providerRefused(result, "cancel")));
                }
                Payment after = p.change().status(PaymentStatus.CANCELLED).build(PaymentStore.now());
                return payments.transition(after, "attempted", Actor.merchant(merchantId), "payment.cancel",
                        attempt.finish(result, timed.latencyMs()), null)
                        .chain(saved -> saved != null ? Uni.createFrom().item(saved) : staleState(merchantId, paymentId, "cancel"));
            });
        });
    }

    /**
     * The customer finished the simulated challenge of a {@code requires_action} payment. The
     * token in the challenge URL is the proof; it is compared in constant time.
     */
    public Uni<Payment> completeChallenge(String paymentId, String token, boolean approved) {
        return payments.findAnyMerchant(paymentId).chain(p -> {
            if (p == null || p.nextAction() == null || !tokenMatches(p, token)) {
                throw ApiException.notFound("challenge");
            }
            if (p.status() != PaymentStatus.REQUIRES_ACTION) {
                throw ApiException.invalidState("payment", p.status().publicName(), "complete the challenge of");
            }
            ConnectorResult result = approved ? ConnectorResult.succeeded(p.providerReference())
                    : ConnectorResult.declined(p.providerReference(), "authentication_failed", "authentication_failed",
                            "The customer failed authentication.");
            Outcomes.Change change = Outcomes.apply(p, result, PaymentStore.now());
            return payments.transition(change.after(), change.orderStatus(), Actor.system("challenge"), "payment.challenge")
                    .chain(saved -> saved != null ? Uni.createFrom().item(saved)
                            : staleState(p.merchantId(), paymentId, "complete the challenge of"));
        });
    }

    private static boolean tokenMatches(Payment p, String token) {
        Object url = p.nextAction().get("url");
        if (token == null || !(url instanceof String s) || !s.contains("?token=")) {
            return false;
        }
        String expected = s.substring(s.indexOf("?token=") + 7);
        return java.security.MessageDigest.isEqual(expected.getBytes(), token.getBytes());
    }

    /** An operator saw the money of a bank transfer arrive. */
    public Uni<Payment> confirmBankTransfer(String paymentId) {
        return payments.findAnyMerchant(paymentId).chain(p -> {
            if (p == null) {
                throw ApiException.notFound("payment");
            }
            if (p.method() != PaymentMethodType.BANK_TRANSFER || p.status() != PaymentStatus.PROCESSING) {
                throw ApiException.invalidState("payment", p.status().publicName(), "confirm a bank transfer for");
            }
            Payment after = p.change().status(PaymentStatus.CAPTURED).authorized(p.amount()).captured(p.amount())
                    .build(PaymentStore.now());
            return payments.transition(after, "paid", Actor.admin(), "payment.confirm_bank_transfer")
                    .chain(saved -> saved != null ? Uni.createFrom().item(saved)
                            : staleState(p.merchantId(), paymentId, "confirm"));
        });
    }

    public Uni<Payment> require(String merchantId, String paymentId) {
        return payments.find(merchantId, paymentId).onItem().ifNull().failWith(() -> ApiException.notFound("payment"));
    }

    private Uni<Payment> staleState(String merchantId, String paymentId, String action) {
        return require(merchantId, paymentId).map(now -> {
            throw ApiException.invalidState("payment", now.status().publicName(), action);
        });
    }

    PaymentConnector connector(Payment p) {
        PaymentConnector c = connectors.get(p.provider());
        if (c == null) {
            throw new ApiException(503, "PROVIDER_UNAVAILABLE", "Provider " + p.provider() + " is not available.", null);
        }
        return c;
    }

    static ApiException providerRefused(ConnectorResult result, String action) {
        if (result.is(dev.payrail.connector.Outcome.NOT_SENT)) {
            return new ApiException(503, "PROVIDER_UNAVAILABLE", "The provider is unavailable; nothing was done.", null);
        }
        return new ApiException(502, "PROVIDER_ERROR", "The provider did not " + action + " the payment"
                + (result.message() == null ? "." : ": " + result.message()), null)
                .with("provider_error_code", result.errorCode());
    }

    static Map<String, Object> redirect(String url) {
        return Map.of("type", "redirect_to_url", "url", url);
    }
}
