package dev.payrail.connector;

import dev.payrail.card.ValidatedCard;

/** The requests the orchestrator sends to a connector. Card data lives only in memory. */
public final class ConnectorRequests {

    private ConnectorRequests() {
    }

    /**
     * Authorize, or purchase when {@code capture} is true.
     *
     * @param idempotencyKey sent to the provider with every retry of this attempt
     * @param wallet         the wallet of method {@code wallet} ({@code paypal}, {@code wechat_pay}, ...)
     * @param walletFlow     how the payer reaches the wallet: {@code qr} (a code to scan),
     *                       {@code redirect} (the provider's page), or {@code null}: the connector's default
     * @param returnUrl      the merchant's page for the payer once the wallet is done, or {@code null}
     */
    public record Authorize(String paymentId, String merchantId, String idempotencyKey, long amount, String currency,
            PaymentMethodType method, ValidatedCard card, String vpa, String wallet, boolean capture, String walletFlow,
            String returnUrl, String threeDSecure, boolean offSession) {

        /** Payrail asks the provider to authenticate the cardholder (a challenge). */
        public static final String THREE_DS_CHALLENGE = "challenge";
        /** The provider decides whether to authenticate; its challenge is played. */
        public static final String THREE_DS_AUTOMATIC = "automatic";
        /** No challenge may be played (off-session, or the merchant's mode never): a demand for one is a decline. */
        public static final String THREE_DS_REFUSE = "refuse";

        /** A request without 3-D Secure options: the provider decides, on-session. */
        public Authorize(String paymentId, String merchantId, String idempotencyKey, long amount, String currency,
                PaymentMethodType method, ValidatedCard card, String vpa, String wallet, boolean capture,
                String walletFlow, String returnUrl) {
            this(paymentId, merchantId, idempotencyKey, amount, currency, method, card, vpa, wallet, capture, walletFlow,
                    returnUrl, THREE_DS_AUTOMATIC, false);
        }

        /**
         * This request with Payrail's 3-D Secure decision ({@link #THREE_DS_CHALLENGE}, {@link #THREE_DS_AUTOMATIC},
         * {@link #THREE_DS_REFUSE}) and whether the payer is absent (a merchant-initiated payment).
         */
        public Authorize withThreeDSecure(String decision, boolean offSession) {
            return new Authorize(paymentId, merchantId, idempotencyKey, amount, currency, method, card, vpa, wallet,
                    capture, walletFlow, returnUrl, decision, offSession);
        }

        /** Whether a challenge may be played for this payment. */
        public boolean challengeAllowed() {
            return !THREE_DS_REFUSE.equals(threeDSecure);
        }

        /**
         * For a provider that only sells (takes the money at once): why this request cannot be sent —
         * it asks for manual capture — or {@code null}. Routing never sends one
         * ({@code PaymentShapes}); this keeps such a connector safe when called on its own.
         */
        public String saleOnlyRefusal(String provider) {
            return capture ? null : provider + " payments are sales: capture must be automatic.";
        }

        /** A request without wallet options (cards, UPI, PayPal). */
        public Authorize(String paymentId, String merchantId, String idempotencyKey, long amount, String currency,
                PaymentMethodType method, ValidatedCard card, String vpa, String wallet, boolean capture) {
            this(paymentId, merchantId, idempotencyKey, amount, currency, method, card, vpa, wallet, capture, null, null);
        }

        @Override
        public String toString() {
            return "Authorize[" + paymentId + ", " + amount + " " + currency + ", " + method.jsonName() + "]";
        }
    }

    /** @param merchantId whose provider account to use; {@code null}: the configured (sandbox) account */
    public record Capture(String paymentId, String providerReference, String idempotencyKey, long amount,
            String currency, boolean finalCapture, String merchantId) {

        public Capture(String paymentId, String providerReference, String idempotencyKey, long amount, String currency,
                boolean finalCapture) {
            this(paymentId, providerReference, idempotencyKey, amount, currency, finalCapture, null);
        }
    }

    public record Void(String paymentId, String providerReference, String idempotencyKey, String merchantId) {

        public Void(String paymentId, String providerReference, String idempotencyKey) {
            this(paymentId, providerReference, idempotencyKey, null);
        }
    }

    public record Refund(String refundId, String paymentId, String providerReference, String idempotencyKey,
            long amount, String currency, String reason, String merchantId) {

        public Refund(String refundId, String paymentId, String providerReference, String idempotencyKey, long amount,
                String currency, String reason) {
            this(refundId, paymentId, providerReference, idempotencyKey, amount, currency, reason, null);
        }
    }

    /**
     * What became of a payment.
     *
     * @param providerReference the provider's id when known; {@code null} when the answer was lost
     * @param idempotencyKey    the key of the authorization attempt, by which the provider can find it
     */
    public record Status(String paymentId, String providerReference, long amount, String currency,
            String idempotencyKey, String merchantId) {

        public Status(String paymentId, String providerReference, long amount, String currency) {
            this(paymentId, providerReference, amount, currency, null, null);
        }
    }

    /**
     * What became of a refund.
     *
     * @param refundId                 our refund id, which the refund request carried to the provider
     * @param paymentProviderReference the payment's provider reference (Stripe PaymentIntent, PayPal order)
     * @param refundProviderReference  the provider's refund id when its answer reached us, else {@code null}
     * @param merchantId               whose provider account to use
     */
    public record RefundStatus(String refundId, String paymentId, String paymentProviderReference,
            String refundProviderReference, long amount, String currency, String merchantId) {
    }

    /**
     * A card on file: a payment that saves the card for later ({@code save}), or that charges a method
     * saved before ({@code token}, the provider's reusable token; the request then carries no card).
     *
     * @param customerId       Payrail's customer
     * @param providerCustomer the provider's customer that holds the customer's saved methods
     *                         (Stripe {@code cus_…}), or {@code null} when none exists yet
     * @param offSession       a merchant-initiated payment: the customer is not present
     */
    public record OnFile(String customerId, String customerEmail, String providerCustomer, boolean save, String token,
            boolean offSession) {

        @Override
        public String toString() {
            return "OnFile[" + customerId + (save ? ", save" : "") + (token != null ? ", saved method" : "")
                    + (offSession ? ", off_session" : "") + "]";
        }
    }

    /** What the provider stored when asked to save a card: its reusable token and its customer. */
    public record SavedCard(String token, String providerCustomer) {

        @Override
        public String toString() {
            return "SavedCard[" + providerCustomer + "]";
        }
    }

    /** The answer to an authorization with a card on file, with the card the provider saved ({@code null}: none). */
    public record OnFileAnswer(ConnectorResult result, SavedCard saved) {
    }

    /** Removes a saved method at the provider: it can never be charged again. */
    public record Detach(String token, String providerCustomer, String merchantId) {

        @Override
        public String toString() {
            return "Detach[" + providerCustomer + "]";
        }
    }
}
