package dev.payrail.connector;

import java.util.Optional;
import java.util.Set;

import io.smallrye.mutiny.Uni;

/**
 * What the orchestrator needs from a provider. Implementations never block, never throw for a
 * provider answer (they return a {@link ConnectorResult}), and map provider statuses exhaustively:
 * anything not explicitly final is pending.
 */
public interface PaymentConnector {

    /** The provider's name in the API ({@code simulator}, {@code stripe}, ...). */
    String name();

    /**
     * Whether this connector is a fake provider (the simulator): it exists in the sandbox flavour
     * only, and a production start refuses it ({@code dev.payrail.config.ProductionSafety}).
     */
    default boolean sandboxOnly() {
        return false;
    }

    /**
     * Whether this connector calls its provider over HTTP; then production requires
     * {@link #configuredBaseUrl()} to name the provider, never a local emulator.
     */
    default boolean remote() {
        return false;
    }

    /**
     * The provider API base URL as configured, without any fallback: empty when none is set (dev,
     * test and sandbox then call this process's own emulator; production refuses to start).
     */
    default Optional<String> configuredBaseUrl() {
        return Optional.empty();
    }

    /**
     * The URL configured for the REST client {@code client} ({@code quarkus.rest-client.<client>.url}),
     * empty when none or blank: what a remote connector answers for {@link #configuredBaseUrl()}.
     */
    static Optional<String> restClientUrl(String client) {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.rest-client." + client + ".url", String.class).filter(url -> !url.isBlank());
    }

    /** Payment methods this connector takes. */
    Set<PaymentMethodType> methods();

    /**
     * The operations this provider offers. The orchestrator refuses the others with
     * {@code 422 OPERATION_NOT_SUPPORTED} before anything is written or sent.
     */
    Set<Operation> operations();

    /** Whether this provider offers {@code operation}. */
    default boolean offers(Operation operation) {
        return operations().contains(operation);
    }

    /**
     * How the provider writes amounts (its notation and its exceptions to ISO 4217): every amount
     * a connector sends or reads goes through it. Payrail's own integer ISO minor units by default.
     */
    default AmountUnits units() {
        return AmountUnits.ISO_MINOR;
    }

    /** Whether this connector can take a payment of this method, currency and amount. */
    default boolean supports(PaymentMethodType method, String currency, long amount) {
        return methods().contains(method) && units().supports(currency, amount);
    }

    /**
     * Why this connector cannot take a payment of this shape — a wallet it does not serve, a wallet
     * flow it lacks ({@code qr}, {@code redirect}) — or {@code null} when it can. Asked before the
     * payment is written: a payment naming this provider is refused with {@code 400}, routing skips the
     * connector. Manual capture needs no answer here: it goes only to connectors that offer
     * {@link Operation#CAPTURE} ({@code dev.payrail.payment.PaymentShapes}).
     */
    default String refusal(PaymentMethodType method, String wallet, String walletFlow) {
        return null;
    }

    /**
     * Whether the platform's own configured account lets this connector call its provider for a
     * merchant that stored no credentials. A connector that needs no credentials always can.
     */
    default boolean hasPlatformAccount() {
        return true;
    }

    /**
     * Credential fields a merchant must give in {@code PUT /api/v1/providers/{provider}/credentials};
     * empty when the provider takes no credentials.
     */
    default Set<String> requiredCredentials() {
        return Set.of();
    }

    /** Credential fields a merchant may give besides the required ones. */
    default Set<String> optionalCredentials() {
        return Set.of();
    }

    /**
     * How long a payer has to finish a {@link Outcome#REQUIRES_ACTION} payment that completes away
     * from Payrail (a QR code scanned in the provider's app, a redirect to the provider's page). When
     * present, such a payment is polled by the reconciler with {@link #status} until the provider
     * reports it final, and once the window has passed it is closed with {@link #voidAuthorization}
     * (when the provider offers {@link Operation#VOID}) and fails as {@code payment_expired}. Empty
     * (the default): the action happens on Payrail's own pages (a 3-D Secure challenge) and only its
     * return settles the payment — except a card payment's 3-D Secure challenge, which Payrail gives
     * {@code payrail.three-d-secure.challenge-window} ({@code dev.payrail.payment.PayerExpiry#window}).
     */
    default java.util.Optional<java.time.Duration> payerWindow() {
        return java.util.Optional.empty();
    }

    /**
     * Whether this provider can store a card for reuse and charge it later by its token (saved
     * payment methods). A payment asking to save its card is routed only to connectors that can, and
     * refused with {@code 400} when none can; the default is no.
     */
    default boolean storesPaymentMethods() {
        return false;
    }

    /**
     * Authorizes with a card on file: saves the card of {@code request} (answering the provider's
     * reusable token), or charges the saved token of {@code onFile} ({@code request} then has no
     * card). Only asked of connectors that {@link #storesPaymentMethods()}; the default refuses unsent.
     */
    default Uni<ConnectorRequests.OnFileAnswer> authorizeOnFile(ConnectorRequests.Authorize request,
            ConnectorRequests.OnFile onFile) {
        return Uni.createFrom().item(new ConnectorRequests.OnFileAnswer(
                ConnectorResult.notSent(name() + " cannot store or charge saved payment methods."), null));
    }

    /**
     * Detaches a saved method at the provider so that it can never be charged again. Succeeded also
     * when the provider no longer holds it; the default (a provider that keeps nothing) succeeds.
     */
    default Uni<ConnectorResult> detachPaymentMethod(ConnectorRequests.Detach request) {
        return Uni.createFrom().item(ConnectorResult.succeeded(request.token()));
    }

    Uni<ConnectorResult> authorize(ConnectorRequests.Authorize request);

    Uni<ConnectorResult> capture(ConnectorRequests.Capture request);

    Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void request);

    Uni<ConnectorResult> refund(ConnectorRequests.Refund request);

    /**
     * Asks the provider what became of a payment (reconciliation of {@code unknown} outcomes and of
     * pending captures and voids), by its reference or, when the answer was lost, by the attempt's
     * idempotency key. The outcome reads as the authorization's; {@link ConnectorResult#stage()} says
     * where the payment stands (authorized, captured and how much, voided, failed, pending). A
     * provider that answers it has no such payment yields {@link ConnectorResult#noRecord}.
     */
    Uni<ConnectorResult> status(ConnectorRequests.Status request);

    /**
     * Asks the provider what became of a refund, by the provider's refund id when we have it, else
     * by our refund id (which the refund request carried to the provider). Never repeats the refund.
     * {@link Outcome#SUCCEEDED} processed, {@link Outcome#DECLINED} failed, {@link Outcome#PENDING} or
     * {@link Outcome#UNKNOWN} not settled yet; {@link ConnectorResult#noRecord} when the provider has
     * no such refund.
     */
    Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus request);

    /**
     * Verifies a provider webhook over its raw bytes and translates it. Fails with
     * {@link WebhookRejectedException} when the signature is missing, wrong or stale; connectors
     * whose provider sends no webhooks reject everything.
     */
    default Uni<ProviderEvent> verifyWebhook(InboundWebhook webhook) {
        return Uni.createFrom().failure(new WebhookRejectedException(name() + " does not send webhooks"));
    }

    /**
     * The plain-text body this provider requires in the answer to a notification it may stop
     * resending (Alipay: {@code success}); empty (the default): Payrail's JSON receipt, which
     * providers that only look at the status code take as delivered.
     */
    default java.util.Optional<String> webhookAcknowledgement() {
        return java.util.Optional.empty();
    }
}
