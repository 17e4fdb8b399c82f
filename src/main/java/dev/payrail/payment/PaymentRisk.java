package dev.payrail.payment;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.audit.Actor;
import dev.payrail.card.CardValidator;
import dev.payrail.common.ApiException;
import dev.payrail.common.ScriptRider;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.merchant.CurrentMerchant;
import dev.payrail.ratelimit.ClientIp;
import dev.payrail.risk.RiskAssessment;
import dev.payrail.risk.RiskEngine;
import dev.payrail.risk.RiskRequest;
import dev.payrail.risk.VelocityCounter;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The fraud rules on the payment path ({@link RiskEngine}): evaluated once the amount is known and before
 * the payment is written. A blocked payment is written and failed at once with {@code decline_code
 * fraudulent}, its attempt {@code not_sent}: no provider is called. A payment held for review is authorized
 * as with manual capture, whatever capture was asked for, until the merchant approves or rejects it
 * ({@link PaymentReview}).
 */
@Singleton
public class PaymentRisk implements ScriptRider.Source {

    /** Where the payer's own connection arrives: the public checkout endpoints. */
    static final String PUBLIC_PATH = "/v1/checkout/";
    static final String BLOCKED_CODE = "risk_blocked";
    static final String FRAUDULENT = "fraudulent";

    /** Where a request keeps what {@link #rider} made of its body, for {@link #validated} and {@link #evaluate}. */
    private static final String OFFERED = "payrail.payment.offered";

    /** A body, what its validation gave, and the velocity count offered to its claim ({@code null}: none). */
    private record Offered(CreatePaymentRequest request, PaymentInput input, VelocityCounter.Precount precount) {
    }

    private final RiskEngine engine;
    private final PaymentStore payments;
    private final CardValidator cards;
    private final CurrentMerchant merchant;

    PaymentRisk(RiskEngine engine, PaymentStore payments, CardValidator cards, CurrentMerchant merchant) {
        this.engine = engine;
        this.payments = payments;
        this.cards = cards;
        this.merchant = merchant;
    }

    Uni<RiskEngine.Evaluation> evaluate(String merchantId, CreatePaymentRequest request, PaymentInput input, long amount,
            String currency) {
        RoutingContext routing = currentRequest();
        Offered offered = offered(routing, request);
        return engine.evaluate(riskRequest(merchantId, request, input, amount, currency, routing),
                offered == null ? null : offered.precount());
    }

    private static RiskRequest riskRequest(String merchantId, CreatePaymentRequest request, PaymentInput input,
            Long amount, String currency, RoutingContext routing) {
        var card = input.card();
        return new RiskRequest(merchantId, amount == null ? 0 : amount, currency,
                card == null ? null : card.fingerprint(), card == null ? null : card.bin(), request.customer(),
                input.receipt(), payerIp(routing));
    }

    @Override
    public String function() {
        return VelocityCounter.COUNT;
    }

    /**
     * A new payment's velocity count, to ride in its idempotency claim ({@link RiskEngine#precount}): the
     * rules need the payment's signals and the merchant's windows only, both known before the claim for a
     * valid request naming no customer. An invalid request offers none; it is refused on its body later.
     */
    @Override
    public ScriptRider rider(Object[] parameters) {
        if (parameters.length == 0 || !(parameters[0] instanceof CreatePaymentRequest request)
                || request.customer() != null) {
            return null;
        }
        RoutingContext routing = currentRequest();
        if (routing == null) {
            return null;
        }
        PaymentInput input;
        try {
            input = PaymentInput.validate(request, cards);
        } catch (ApiException invalid) {
            return null;
        }
        VelocityCounter.Precount precount = engine
                .precount(riskRequest(merchant.id(), request, input, input.amount(), input.currency(), routing));
        routing.put(OFFERED, new Offered(request, input, precount));
        return precount;
    }

    /** The decision and the providers that may take the payment under it. */
    record Plan(RiskEngine.Evaluation verdict, List<PaymentConnector> candidates) {
    }

    /**
     * A payment held for review goes only to providers that capture later: one that charges at once
     * (a bank transfer, a QR sale) could not hold it. When none can, the payment is blocked instead
     * (rule {@code review_unavailable}): the merchant's rules asked for a look before the money moves.
     */
    static Plan plan(RiskEngine.Evaluation verdict, List<PaymentConnector> candidates) {
        if (!verdict.assessment().inReview()) {
            return new Plan(verdict, candidates);
        }
        List<PaymentConnector> holding = candidates.stream().filter(c -> c.offers(Operation.CAPTURE)).toList();
        if (holding.isEmpty()) {
            return new Plan(verdict.blockedBy("review_unavailable",
                    "held for review, but no provider for this payment can authorize without capturing"), candidates);
        }
        return new Plan(verdict, holding);
    }

    /** Review holds the capture: the payment is only authorized. */
    static boolean manualCapture(PaymentInput input, RiskEngine.Evaluation risk) {
        return input.manualCapture() || risk.assessment().inReview();
    }

    /** Fails a blocked payment just written, without a provider call; its reasons stay on the payment. */
    Uni<Payment> block(Payment inserted, PaymentAttempt attempt) {
        Instant now = PaymentStore.now();
        Payment failed = inserted.change().status(PaymentStatus.FAILED)
                .error(BLOCKED_CODE, "The payment was declined.", FRAUDULENT).build(now);
        PaymentAttempt notSent = attempt.finish(new ConnectorResult(Outcome.NOT_SENT, null, BLOCKED_CODE, FRAUDULENT,
                null, null, null), 0);
        return payments.transition(failed, null, Actor.system("risk"), "payment.risk_block", notSent, null);
    }

    /** Announces {@code payment.review_opened} for a new payment held for review that did not fail. */
    Uni<Payment> opened(Payment p) {
        RiskAssessment risk = RiskAssessment.fromStored(p.risk());
        if (risk == null || !risk.inReview() || p.status() == PaymentStatus.FAILED) {
            return Uni.createFrom().item(p);
        }
        return payments.updateRisk(p, p.risk(), PaymentReview.OPEN, PaymentReview.OPENED)
                .map(saved -> saved == null ? p : saved);
    }

    /**
     * {@code request} validated ({@link PaymentInput#validate}): as {@link #rider} validated this very body
     * before the claim, when it did, so that a payment derives its card's fingerprint once; else now.
     */
    PaymentInput validated(CreatePaymentRequest request) {
        Offered offered = offered(currentRequest(), request);
        return offered != null ? offered.input() : PaymentInput.validate(request, cards);
    }

    /** What {@link #rider} made of this very body in this request, or {@code null}. */
    private static Offered offered(RoutingContext routing, CreatePaymentRequest request) {
        Offered offered = routing == null ? null : routing.get(OFFERED);
        return offered != null && offered.request() == request ? offered : null;
    }

    /** The HTTP request being served, or {@code null} (a worker, a job). */
    private static RoutingContext currentRequest() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        var current = Arc.container().instance(CurrentVertxRequest.class).get();
        return current == null ? null : current.getCurrent();
    }

    /** The payer's IP when the payer's own browser made the request; {@code null} on the merchant API. */
    private static String payerIp(RoutingContext routing) {
        if (routing == null || routing.request() == null || routing.normalizedPath() == null
                || !routing.normalizedPath().startsWith(PUBLIC_PATH)) {
            return null;
        }
        return ClientIp.of(routing.request());
    }
}
