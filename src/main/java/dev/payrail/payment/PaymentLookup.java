package dev.payrail.payment;

import java.util.Set;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import io.smallrye.mutiny.Uni;

/**
 * What every payment flow starts from: the merchant's payment, its connector, and the problems
 * the flows answer with (not found, changed meanwhile, operation not offered, provider refused).
 */
@Singleton
public class PaymentLookup {

    private final PaymentStore payments;
    private final ConnectorRegistry connectors;

    PaymentLookup(PaymentStore payments, ConnectorRegistry connectors) {
        this.payments = payments;
        this.connectors = connectors;
    }

    /** The merchant's payment, or {@code 404}. */
    public Uni<Payment> require(String merchantId, String paymentId) {
        return payments.find(merchantId, paymentId).onItem().ifNull().failWith(() -> ApiException.notFound("payment"));
    }

    /** The payment changed between our read and our write: {@code 409} naming the status it has now. */
    <T> Uni<T> staleState(String merchantId, String paymentId, String action) {
        return require(merchantId, paymentId).map(now -> {
            throw ApiException.invalidState("payment", now.status().publicName(), action);
        });
    }

    /**
     * The provider answered, but storing its answer found the payment changed meanwhile: usually the
     * provider's own event (Stripe may deliver {@code payment_intent.succeeded} before its capture call
     * returns) stored the outcome first. When the payment has reached one of {@code reached}, that is the
     * answer, and the attempt still gets the provider's answer; anything else is {@code 409}.
     */
    Uni<Payment> settledMeanwhile(Payment pending, PaymentAttempt answered, Set<PaymentStatus> reached, String action) {
        return require(pending.merchantId(), pending.id()).chain(now -> {
            if (!reached.contains(now.status())) {
                throw ApiException.invalidState("payment", now.status().publicName(), action);
            }
            return payments.finishAttempt(answered, PaymentStore.now()).replaceWith(now);
        });
    }

    /** The payment's connector, or {@code 503} when its provider is not available on this gateway. */
    PaymentConnector connector(Payment p) {
        PaymentConnector c = connectors.get(p.provider());
        if (c == null) {
            throw new ApiException(503, "PROVIDER_UNAVAILABLE", "Provider " + p.provider() + " is not available.", null);
        }
        return c;
    }

    /**
     * The payment's connector if it offers {@code operation}; otherwise {@code 422
     * OPERATION_NOT_SUPPORTED}, thrown before anything is written or sent.
     */
    PaymentConnector offering(Payment p, Operation operation, String action) {
        PaymentConnector c = connector(p);
        if (!c.offers(operation)) {
            throw new ApiException(422, "OPERATION_NOT_SUPPORTED", "Provider " + p.provider() + " does not offer to "
                    + action + " a payment" + (operation == Operation.PARTIAL_CAPTURE ? " partially" : "") + ".", null)
                    .with("provider", p.provider()).with("operation", operation.name().toLowerCase());
        }
        return c;
    }

    /** A final refusal by the provider: {@code 503} when nothing reached it, else {@code 502}. */
    static ApiException providerRefused(ConnectorResult result, String action) {
        if (result.is(Outcome.NOT_SENT)) {
            return new ApiException(503, "PROVIDER_UNAVAILABLE", "The provider is unavailable; nothing was done.", null);
        }
        return new ApiException(502, "PROVIDER_ERROR", "The provider did not " + action + " the payment"
                + (result.message() == null ? "." : ": " + result.message()), null)
                .with("provider_error_code", result.errorCode());
    }
}
