package dev.payrail.connector;

import dev.payrail.card.ValidatedCard;
import dev.payrail.payment.PaymentMethodType;

/** The requests the orchestrator sends to a connector. Card data lives only in memory. */
public final class ConnectorRequests {

    private ConnectorRequests() {
    }

    /**
     * Authorize, or purchase when {@code capture} is true.
     *
     * @param idempotencyKey sent to the provider with every retry of this attempt
     */
    public record Authorize(String paymentId, String merchantId, String idempotencyKey, long amount, String currency,
            PaymentMethodType method, ValidatedCard card, String vpa, String wallet, boolean capture) {

        @Override
        public String toString() {
            return "Authorize[" + paymentId + ", " + amount + " " + currency + ", " + method.jsonName() + "]";
        }
    }

    public record Capture(String paymentId, String providerReference, String idempotencyKey, long amount,
            String currency, boolean finalCapture) {
    }

    public record Void(String paymentId, String providerReference, String idempotencyKey) {
    }

    public record Refund(String refundId, String paymentId, String providerReference, String idempotencyKey,
            long amount, String currency, String reason) {
    }

    public record Status(String paymentId, String providerReference, long amount, String currency) {
    }
}
