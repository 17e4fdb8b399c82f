package dev.payrail.payment;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.audit.Actor;
import dev.payrail.common.ApiException;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.PaymentMethodType;
import io.smallrye.mutiny.Uni;

/**
 * The payment operations in one place for their callers; each flow reads top to bottom in its own
 * class: {@link AuthorizeFlow} (create and process), {@link CaptureFlow}, {@link CancelFlow}, and the
 * reconciler's settlements ({@link Reconciler}). The two small flows that finish a payment without a
 * provider call — the customer's challenge, an operator's bank-transfer confirmation — are here.
 */
@Singleton
public class PaymentOrchestrator {

    private final PaymentStore payments;
    private final PaymentLookup lookup;
    private final AuthorizeFlow authorize;
    private final CaptureFlow capture;
    private final CancelFlow cancel;
    private final Reconciler reconciler;
    private final PaymentReview review;

    PaymentOrchestrator(PaymentStore payments, PaymentLookup lookup, AuthorizeFlow authorize, CaptureFlow capture,
            CancelFlow cancel, Reconciler reconciler, PaymentReview review) {
        this.review = review;
        this.reconciler = reconciler;
        this.payments = payments;
        this.lookup = lookup;
        this.authorize = authorize;
        this.capture = capture;
        this.cancel = cancel;
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
     * PostgreSQL can tell a retry from a reuse of the key. See {@link AuthorizeFlow}.
     */
    public Uni<Created> create(String merchantId, CreatePaymentRequest request, String idempotencyKey,
            String requestFingerprint, boolean respondAsync) {
        return authorize.create(merchantId, request, idempotencyKey, requestFingerprint, respondAsync);
    }

    /** Processes a payment persisted for asynchronous processing; see {@link AuthorizeFlow#processQueued}. */
    public Uni<Payment> processQueued(Payment p) {
        return authorize.processQueued(p);
    }

    /**
     * See {@link CaptureFlow}: the payment captured, or {@code capture_pending} when the provider's answer is not
     * final. A payment held for review is thereby approved ({@link PaymentReview}).
     */
    public Uni<Payment> capture(String merchantId, String paymentId, Long requested) {
        return capture.capture(merchantId, paymentId, requested).chain(p -> review.answeredBy(p, PaymentReview.APPROVED));
    }

    /**
     * See {@link CancelFlow}: the payment cancelled, or {@code cancel_pending} when the provider's answer is not
     * final. A payment held for review is thereby rejected ({@link PaymentReview}).
     */
    public Uni<Payment> cancel(String merchantId, String paymentId) {
        return cancel.cancel(merchantId, paymentId).chain(p -> review.answeredBy(p, PaymentReview.REJECTED));
    }

    /**
     * Completes a payment whose payer came back (a redirect or QR flow): the provider is asked now
     * what the reconciler would ask it later, and its answer settles the payment through the same
     * state machine ({@link Reconciler#settleNow}). A payment Payrail does not wait on a provider
     * for is returned as it is. The merchant's payment, or {@code 404}.
     */
    public Uni<Payment> complete(String merchantId, String paymentId) {
        return lookup.require(merchantId, paymentId).chain(reconciler::settleNow);
    }

    /** The merchant's payment, or {@code 404}. */
    public Uni<Payment> require(String merchantId, String paymentId) {
        return lookup.require(merchantId, paymentId);
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
            // The simulator's challenge plays 3-D Secure 2.2.0.
            Payment after = change.after().threeDSecure() == null ? change.after()
                    : p.change().status(change.after().status()).providerReference(result.providerReference())
                            .authorized(change.after().amountAuthorized()).captured(change.after().amountCaptured())
                            .error(change.after().errorCode(), change.after().errorDescription(), change.after().declineCode())
                            .nextAction(null).threeDSecureVersion(SIMULATED_3DS_VERSION).build(change.after().updatedAt());
            return payments.transition(after, change.orderStatus(), Actor.system("challenge"), "payment.challenge")
                    .chain(saved -> saved != null ? Uni.createFrom().item(saved)
                            : lookup.<Payment>staleState(p.merchantId(), paymentId, "complete the challenge of"));
        });
    }

    /** The 3-D Secure protocol version the simulator's challenge plays. */
    static final String SIMULATED_3DS_VERSION = "2.2.0";

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
                            : lookup.<Payment>staleState(p.merchantId(), paymentId, "confirm"));
        });
    }

    static Map<String, Object> redirect(String url) {
        return Map.of("type", "redirect_to_url", "url", url);
    }
}
