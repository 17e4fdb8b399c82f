package dev.payrail.connector.stripe;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.ConnectorFailures;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.DisputeOperations;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.ProviderCallException;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.provider.ProviderAccounts;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * Stripe PaymentIntents and Refunds. Every HTTP call goes through {@link #send}, which owns the
 * fault tolerance (one circuit breaker named {@code stripe}); answers Stripe gives on purpose
 * ({@code 4xx}: declines, invalid requests) are results, not failures, so they never trip the
 * breaker and are never retried.
 *
 * <p>Card data: Stripe receives the raw card number only as {@code payment_method_data[card][…]}.
 * Real Stripe allows that only to accounts with raw-card-data access (PCI DSS SAQ D); against the
 * sandbox emulator it is fine. The form is never logged.
 */
@Singleton
public class StripeConnector implements PaymentConnector, DisputeOperations {

    public static final String NAME = "stripe";
    /** Stripe's largest page of a list. */
    static final int REFUNDS_PER_PAGE = 100;

    private final StripeConfig config;
    private final ProviderAccounts accounts;
    private final ObjectMapper mapper;
    private final StripeApi api;

    StripeConnector(StripeConfig config, ProviderAccounts accounts, ObjectMapper mapper, @RestClient StripeApi api) {
        this.config = config;
        this.accounts = accounts;
        this.mapper = mapper;
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethodType> methods() {
        return Set.of(PaymentMethodType.CARD);
    }

    /**
     * Stripe's amounts (docs.stripe.com/currencies): integers of the currency's smallest unit, with
     * Stripe's own list of zero-decimal currencies (MGA is zero-decimal at Stripe, two-decimal in ISO
     * 4217); ISK written with two decimals that must be 00 (whole krónur only since April 2023); the
     * three-decimal currencies written with three decimals whose last one must be 0.
     */
    static final AmountUnits UNITS = AmountUnits.minorUnits()
            .exponent(0, "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
                    "XAF", "XOF", "XPF")
            .exponent(2, "ISK").chargeable(0, "ISK")
            .chargeable(2, "BHD", "JOD", "KWD", "OMR", "TND")
            .build();

    @Override
    public AmountUnits units() {
        return UNITS;
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** {@code quarkus.rest-client.stripe.url}, the base URL of {@link StripeApi}. */
    @Override
    public Optional<String> configuredBaseUrl() {
        return PaymentConnector.restClientUrl("stripe");
    }

    @Override
    public boolean supports(PaymentMethodType method, String currency, long amount) {
        if (method != PaymentMethodType.CARD || currency == null
                || !config.currencies().contains(currency.toUpperCase(Locale.ROOT)) || !UNITS.supports(currency, amount)) {
            return false;
        }
        long wire = UNITS.toProviderInteger(currency, amount);
        return wire >= 1 && wire <= config.maxAmount();
    }

    @Override
    public Set<Operation> operations() {
        return Operation.all();
    }

    @Override
    public boolean hasPlatformAccount() {
        return config.secretKey().filter(k -> !k.isBlank()).isPresent();
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of("secret_key");
    }

    @Override
    public Set<String> optionalCredentials() {
        return Set.of("webhook_secret", "publishable_key");
    }

    // ---- operations -------------------------------------------------------------------------

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize r) {
        if (r.card() == null) {
            return Uni.createFrom().item(notSent("Stripe takes card payments only."));
        }
        if (!UNITS.supports(r.currency(), r.amount())) {
            return Uni.createFrom().item(notSent("Stripe cannot charge this amount: " + UNITS.refusal(r.currency(), r.amount()) + "."));
        }
        StripeForm form = intentForm(r);
        return withKey(r.merchantId(), key -> guarded(StripeCall.post(StripeCall.Kind.CREATE, key, r.idempotencyKey(), null,
                form.encode())).map(res -> res.ok() ? StripeMapping.authorization(json(res))
                        : rejectedAuthorization(res)));
    }

    /** A confirming PaymentIntent for {@code r}, with its card as {@code payment_method_data} when it has one. */
    private StripeForm intentForm(ConnectorRequests.Authorize r) {
        StripeForm form = new StripeForm()
                .put("amount", UNITS.toProviderInteger(r.currency(), r.amount()))
                .put("currency", r.currency().toLowerCase(Locale.ROOT))
                .put("confirm", true)
                .put("capture_method", r.capture() ? "automatic" : "manual")
                .put("payment_method_types", List.of("card"));
        threeDSecure(form, r);
        if (r.card() == null) {
            return form.put("return_url", config.returnUrl())
                    .put("metadata", metadata(r.paymentId(), r.merchantId(), r.idempotencyKey()));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("number", r.card().pan());
        card.put("exp_month", r.card().expiryMonth());
        card.put("exp_year", r.card().expiryYear());
        if (r.card().cvc() != null) {
            card.put("cvc", r.card().cvc());
        }
        Map<String, Object> pmData = new LinkedHashMap<>();
        pmData.put("type", "card");
        pmData.put("card", card);
        if (r.card().holderName() != null) {
            pmData.put("billing_details", Map.of("name", r.card().holderName()));
        }
        return form.put("payment_method_data", pmData)
                .put("return_url", config.returnUrl())
                .put("metadata", metadata(r.paymentId(), r.merchantId(), r.idempotencyKey()));
    }

    // ---- cards on file ----------------------------------------------------------------------

    /** Stripe keeps cards as PaymentMethods attached to a Customer. */
    @Override
    public boolean storesPaymentMethods() {
        return true;
    }

    /**
     * As Stripe saves and charges cards: to save, the PaymentIntent names the Customer (created first
     * when the customer has none at Stripe, under this attempt's key so that a retry finds the same
     * one) and {@code setup_future_usage=off_session}, and Stripe attaches the new PaymentMethod to
     * the Customer once the payment succeeds; to charge a saved card, {@code customer} and
     * {@code payment_method}, with {@code off_session=true} for a merchant-initiated payment.
     */
    @Override
    public Uni<ConnectorRequests.OnFileAnswer> authorizeOnFile(ConnectorRequests.Authorize r,
            ConnectorRequests.OnFile onFile) {
        if (onFile.token() == null && r.card() == null) {
            return Uni.createFrom().item(new ConnectorRequests.OnFileAnswer(notSent("No card and no saved card."), null));
        }
        if (!UNITS.supports(r.currency(), r.amount())) {
            return Uni.createFrom().item(new ConnectorRequests.OnFileAnswer(notSent("Stripe cannot charge this amount: "
                    + UNITS.refusal(r.currency(), r.amount()) + "."), null));
        }
        return accounts.credentials(r.merchantId(), NAME).chain(c -> {
            String key = c.getOrDefault("secret_key", config.secretKey().orElse(null));
            if (key == null) {
                return Uni.createFrom().item(new ConnectorRequests.OnFileAnswer(
                        notSent("No Stripe credentials for this merchant."), null));
            }
            return stripeCustomer(key, r, onFile).chain(customer -> {
                if (customer == null) {
                    return Uni.createFrom().item(new ConnectorRequests.OnFileAnswer(
                            notSent("Stripe did not create the customer; nothing was charged."), null));
                }
                StripeForm form = intentForm(r).put("customer", customer);
                if (onFile.token() != null) {
                    form.put("payment_method", onFile.token());
                } else if (onFile.save()) {
                    form.put("setup_future_usage", "off_session");
                }
                if (onFile.offSession()) {
                    form.put("off_session", true);
                }
                return guarded(StripeCall.post(StripeCall.Kind.CREATE, key, r.idempotencyKey(), null, form.encode()))
                        .map(res -> {
                            if (!res.ok()) {
                                return new ConnectorRequests.OnFileAnswer(rejectedAuthorization(res), null);
                            }
                            JsonNode intent = json(res);
                            ConnectorResult result = StripeMapping.authorization(intent);
                            String token = StripeMapping.text(intent, "payment_method");
                            boolean saved = onFile.save() && token != null && result.is(Outcome.SUCCEEDED);
                            return new ConnectorRequests.OnFileAnswer(result,
                                    saved ? new ConnectorRequests.SavedCard(token, customer) : null);
                        });
            });
        });
    }

    /**
     * The customer's Stripe Customer: the known one, or a new one (idempotent under this attempt's key).
     * {@code null} when Stripe did not create it: nothing was charged, so the payment may fail unsent.
     */
    private Uni<String> stripeCustomer(String key, ConnectorRequests.Authorize r, ConnectorRequests.OnFile onFile) {
        if (onFile.providerCustomer() != null) {
            return Uni.createFrom().item(onFile.providerCustomer());
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("payrail_customer_id", onFile.customerId());
        if (r.merchantId() != null) {
            metadata.put("payrail_merchant_id", r.merchantId());
        }
        StripeForm form = new StripeForm().putIfPresent("email", onFile.customerEmail()).put("metadata", metadata);
        return guarded(StripeCall.post(StripeCall.Kind.CREATE_CUSTOMER, key, r.idempotencyKey() + "-customer", null,
                form.encode()))
                .map(res -> res.ok() ? StripeMapping.text(json(res), "id") : null)
                .onFailure().recoverWithItem((String) null);
    }

    /** {@code POST /v1/payment_methods/{id}/detach}; a method Stripe no longer has attached counts as detached. */
    @Override
    public Uni<ConnectorResult> detachPaymentMethod(ConnectorRequests.Detach r) {
        return withKey(r.merchantId(), key -> guarded(StripeCall.post(StripeCall.Kind.DETACH, key, null, r.token(), ""))
                .map(res -> {
                    if (res.ok() || res.status() == 404) {
                        return ConnectorResult.succeeded(r.token());
                    }
                    JsonNode error = json(res).path("error");
                    String message = StripeMapping.text(error, "message");
                    if (res.status() == 400 && message != null && message.contains("not attached to a customer")) {
                        return ConnectorResult.succeeded(r.token());
                    }
                    return refused(res, r.token());
                }));
    }

    /**
     * Payrail's 3-D Secure decision in Stripe's terms: a challenge is
     * {@code payment_method_options[card][request_three_d_secure]=challenge}; otherwise Stripe decides
     * ({@code automatic}, its default, not sent). A merchant-initiated payment is {@code off_session=true}:
     * Stripe then never asks for authentication and declines with {@code authentication_required} when the
     * issuer insists (for a payment that may not be challenged on-session, mode never, Payrail turns
     * Stripe's {@code requires_action} into that decline itself).
     */
    private static void threeDSecure(StripeForm form, ConnectorRequests.Authorize r) {
        if (ConnectorRequests.Authorize.THREE_DS_CHALLENGE.equals(r.threeDSecure())) {
            form.put("payment_method_options", Map.of("card", Map.of("request_three_d_secure", "challenge")));
        }
        if (r.offSession()) {
            form.put("off_session", true);
        }
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture r) {
        if (!UNITS.supports(r.currency(), r.amount())) {
            return Uni.createFrom().item(unrepresentable(r.providerReference(), r.currency(), r.amount()));
        }
        StripeForm form = new StripeForm().put("amount_to_capture", UNITS.toProviderInteger(r.currency(), r.amount()));
        return withKey(r.merchantId(), key -> guarded(StripeCall.post(StripeCall.Kind.CAPTURE, key, r.idempotencyKey(),
                r.providerReference(), form.encode()))
                .map(res -> res.ok() ? StripeMapping.capture(json(res)) : refused(res, r.providerReference())));
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void r) {
        StripeForm form = new StripeForm().put("cancellation_reason", "requested_by_customer");
        return withKey(r.merchantId(), key -> guarded(StripeCall.post(StripeCall.Kind.CANCEL, key, r.idempotencyKey(),
                r.providerReference(), form.encode()))
                .map(res -> res.ok() ? StripeMapping.cancel(json(res)) : refused(res, r.providerReference())));
    }

    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund r) {
        if (!UNITS.supports(r.currency(), r.amount())) {
            return Uni.createFrom().item(unrepresentable(null, r.currency(), r.amount()));
        }
        StripeForm form = new StripeForm().put("payment_intent", r.providerReference())
                .put("amount", UNITS.toProviderInteger(r.currency(), r.amount()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("payrail_refund_id", r.refundId());
        metadata.put("payrail_payment_id", r.paymentId());
        if (r.reason() != null && Set.of("duplicate", "fraudulent", "requested_by_customer").contains(r.reason())) {
            form.put("reason", r.reason());
        } else if (r.reason() != null) {
            metadata.put("payrail_reason", r.reason().length() > 500 ? r.reason().substring(0, 500) : r.reason());
        }
        form.put("metadata", metadata);
        return withKey(r.merchantId(), key -> guarded(StripeCall.post(StripeCall.Kind.REFUND, key, r.idempotencyKey(), null,
                form.encode())).map(res -> res.ok() ? StripeMapping.refund(json(res)) : refused(res, null)));
    }

    /**
     * By the PaymentIntent id when we have it; otherwise by the attempt's key, which Payrail put in
     * the intent's metadata (Stripe's search). Stripe having no such intent is {@link ConnectorResult#noRecord}.
     */
    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status r) {
        if (r.providerReference() != null) {
            return withKey(r.merchantId(), key -> guarded(StripeCall.get(StripeCall.Kind.RETRIEVE, key, r.providerReference()))
                    .map(res -> {
                        if (res.ok()) {
                            return StripeMapping.status(json(res));
                        }
                        return res.status() == 404 ? ConnectorResult.noRecord("Stripe has no PaymentIntent " + r.providerReference() + ".")
                                : ConnectorResult.unknown(r.providerReference(), "Stripe answered " + res.status() + ".");
                    }));
        }
        if (r.idempotencyKey() == null) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "Nothing to look the payment up by."));
        }
        String query = "metadata['payrail_attempt_id']:'" + r.idempotencyKey().replace("'", "") + "'";
        return withKey(r.merchantId(), key -> guarded(StripeCall.get(StripeCall.Kind.SEARCH, key, query)).map(res -> {
            if (!res.ok()) {
                return ConnectorResult.unknown(null, "Stripe search answered " + res.status() + ".");
            }
            JsonNode data = json(res).path("data");
            if (data.isEmpty()) {
                return ConnectorResult.noRecord("Stripe has no PaymentIntent for attempt " + r.idempotencyKey() + ".");
            }
            return StripeMapping.status(data.get(0));
        }));
    }

    /**
     * By the Refund id when its answer reached us ({@code GET /v1/refunds/{id}}); otherwise among
     * the PaymentIntent's refunds ({@code GET /v1/refunds?payment_intent=}) the one whose
     * {@code metadata[payrail_refund_id]} is ours. Never re-POSTs: within 24 h that would only
     * replay the first answer, after it could refund twice.
     */
    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus r) {
        if (r.refundProviderReference() != null) {
            return withKey(r.merchantId(), key -> guarded(StripeCall.get(StripeCall.Kind.RETRIEVE_REFUND, key,
                    r.refundProviderReference())).map(res -> {
                        if (res.ok()) {
                            return StripeMapping.refund(json(res));
                        }
                        return res.status() == 404
                                ? ConnectorResult.noRecord("Stripe has no refund " + r.refundProviderReference() + ".")
                                : ConnectorResult.unknown(r.refundProviderReference(), "Stripe answered " + res.status() + ".");
                    }));
        }
        if (r.paymentProviderReference() == null) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "Nothing to look the refund up by."));
        }
        return withKey(r.merchantId(), key -> guarded(StripeCall.get(StripeCall.Kind.LIST_REFUNDS, key,
                r.paymentProviderReference())).map(res -> {
                    if (res.status() == 404) {
                        return ConnectorResult.noRecord("Stripe has no PaymentIntent " + r.paymentProviderReference() + ".");
                    }
                    if (!res.ok()) {
                        return ConnectorResult.unknown(null, "Stripe answered " + res.status() + " to the refund list.");
                    }
                    JsonNode list = json(res);
                    for (JsonNode refund : list.path("data")) {
                        if (r.refundId().equals(StripeMapping.text(refund.path("metadata"), "payrail_refund_id"))) {
                            return StripeMapping.refund(refund);
                        }
                    }
                    return list.path("has_more").asBoolean(false)
                            ? ConnectorResult.unknown(null, "Stripe lists more refunds than one page.")
                            : ConnectorResult.noRecord("Stripe has no refund for " + r.refundId() + ".");
                }));
    }

    // ---- disputes ----------------------------------------------------------------------------

    /** {@code POST /v1/disputes/{id}} with {@code evidence[…]} and {@code submit}. */
    @Override
    public Uni<DisputeOperations.Answer> submitEvidence(String merchantId, String disputeId, Map<String, String> evidence,
            boolean submit) {
        StripeForm form = new StripeForm().put("evidence", new LinkedHashMap<String, Object>(evidence)).put("submit", submit);
        return disputeCall(merchantId, key -> StripeCall.post(StripeCall.Kind.UPDATE_DISPUTE, key,
                "payrail_" + dev.payrail.common.Ids.random(24), disputeId, form.encode()));
    }

    /** {@code POST /v1/disputes/{id}/close}: Stripe records the dispute as lost. */
    @Override
    public Uni<DisputeOperations.Answer> accept(String merchantId, String disputeId) {
        return disputeCall(merchantId, key -> StripeCall.post(StripeCall.Kind.CLOSE_DISPUTE, key,
                "payrail_" + dev.payrail.common.Ids.random(24), disputeId, ""));
    }

    private Uni<DisputeOperations.Answer> disputeCall(String merchantId, java.util.function.Function<String, StripeCall> call) {
        return accounts.credentials(merchantId, NAME).chain(c -> {
            String key = c.getOrDefault("secret_key", config.secretKey().orElse(null));
            if (key == null) {
                return Uni.createFrom().item(DisputeOperations.Answer.refused("provider_unavailable",
                        "No Stripe credentials for this merchant."));
            }
            return guarded(call.apply(key)).map(res -> {
                JsonNode body = json(res);
                if (res.ok()) {
                    return new DisputeOperations.Answer(StripeEvents.dispute(body, null), null, null);
                }
                JsonNode error = body.path("error");
                String code = StripeMapping.text(error, "code");
                return DisputeOperations.Answer.refused(code == null ? "stripe_" + res.status() : code,
                        StripeMapping.text(error, "message"));
            });
        });
    }

    // ---- the guarded call -------------------------------------------------------------------

    /**
     * One HTTP call to Stripe under the connector's fault tolerance. Fails (so that the breaker
     * counts it, and {@code Retryable} ones are repeated with the same idempotency key) only when
     * Stripe could not give an answer: no connection, {@code 409}, {@code 429}, {@code 5xx}, or a
     * {@code Stripe-Should-Retry: true} hint. Everything else is returned as a response.
     */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @CircuitBreakerName(NAME)
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderCallException.Retryable.class)
    Uni<StripeResponse> send(StripeCall call) {
        String auth = "Bearer " + call.secretKey();
        String v = config.apiVersion();
        StripeApi client = api();
        Uni<Response> http = switch (call.kind()) {
            case CREATE -> client.createPaymentIntent(auth, v, call.idempotencyKey(), call.body());
            case CAPTURE -> client.capture(auth, v, call.idempotencyKey(), call.objectId(), call.body());
            case CANCEL -> client.cancel(auth, v, call.idempotencyKey(), call.objectId(), call.body());
            case REFUND -> client.refund(auth, v, call.idempotencyKey(), call.body());
            // the latest Charge expanded: its payment_method_details.card.three_d_secure tells the authentication
            case RETRIEVE -> client.retrieve(auth, v, call.objectId(), "latest_charge");
            case SEARCH -> client.search(auth, v, call.body());
            case RETRIEVE_REFUND -> client.retrieveRefund(auth, v, call.objectId());
            case LIST_REFUNDS -> client.listRefunds(auth, v, call.objectId(), REFUNDS_PER_PAGE);
            case CREATE_CUSTOMER -> client.createCustomer(auth, v, call.idempotencyKey(), call.body());
            case DETACH -> client.detachPaymentMethod(auth, v, call.idempotencyKey(), call.objectId(), call.body());
            case UPDATE_DISPUTE -> client.updateDispute(auth, v, call.idempotencyKey(), call.objectId(), call.body());
            case CLOSE_DISPUTE -> client.closeDispute(auth, v, call.idempotencyKey(), call.objectId(), call.body());
        };
        return http.onFailure().transform(t -> ConnectorFailures.transport(t, "Stripe", false)).map(StripeConnector::checked)
                .onFailure().transform(call.reach()::observe);
    }

    /**
     * {@link #send} as the operations use it. When one try may have reached Stripe and a retry was then
     * refused without being sent (the breaker opened meanwhile, the bulkhead was full, no connection),
     * the call as a whole is unknown, never "not sent": it must not fail over or fail the refund.
     */
    private Uni<StripeResponse> guarded(StripeCall call) {
        return send(call).onFailure().transform(t -> call.reach().outcome(t, "Stripe"));
    }

    static StripeResponse checked(Response r) {
        int status = r.getStatus();
        String hint = r.getHeaderString("Stripe-Should-Retry");
        String body = r.hasEntity() ? r.readEntity(String.class) : "";
        if (status < 400) {
            return new StripeResponse(status, body);
        }
        // 503 Service Unavailable and 429 Too Many Requests are refusals before processing.
        boolean refused = status == 503 || status == 429;
        if ("true".equalsIgnoreCase(hint) || status == 409 || status >= 500 && !"false".equalsIgnoreCase(hint)) {
            throw new ProviderCallException.Retryable("Stripe answered " + status + ".", refused, status);
        }
        if (status >= 500 || status == 429) {
            throw new ProviderCallException("Stripe answered " + status + ".", refused, status);
        }
        return new StripeResponse(status, body);
    }

    /**
     * Stripe's API ({@code quarkus.rest-client.stripe.*}: prod {@code https://api.stripe.com}; dev,
     * test and sandbox this server's own emulator under {@code /sandbox/stripe}).
     */
    private StripeApi api() {
        return api;
    }

    // ---- mapping helpers --------------------------------------------------------------------

    private Uni<ConnectorResult> withKey(String merchantId, java.util.function.Function<String, Uni<ConnectorResult>> call) {
        return accounts.credentials(merchantId, NAME).chain(c -> {
            String key = c.getOrDefault("secret_key", config.secretKey().orElse(null));
            if (key == null) {
                return Uni.createFrom().item(notSent("No Stripe credentials for this merchant."));
            }
            return call.apply(key);
        });
    }

    private static Map<String, Object> metadata(String paymentId, String merchantId, String attempt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payrail_payment_id", paymentId);
        if (merchantId != null) {
            m.put("payrail_merchant_id", merchantId);
        }
        m.put("payrail_attempt_id", attempt);
        return m;
    }

    /** A {@code 4xx} answer to create: a card error is a decline; anything else means nothing was charged. */
    private ConnectorResult rejectedAuthorization(StripeResponse res) {
        JsonNode error = json(res).path("error");
        String type = StripeMapping.text(error, "type");
        String reference = StripeMapping.text(error.path("payment_intent"), "id");
        if ("card_error".equals(type)) {
            return StripeMapping.declined(reference, error);
        }
        if ("idempotency_error".equals(type)) {
            // The key was used before with other parameters: something may have been charged.
            return ConnectorResult.unknown(reference, "Stripe idempotency error: " + StripeMapping.text(error, "message"));
        }
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_rejected_request", null,
                "Stripe rejected the request (" + res.status() + " " + type + "): " + StripeMapping.text(error, "message"),
                null, null);
    }

    private ConnectorResult refused(StripeResponse res, String reference) {
        JsonNode error = json(res).path("error");
        String code = StripeMapping.text(error, "code");
        return ConnectorResult.declined(reference, code == null ? "stripe_" + res.status() : code,
                StripeMapping.text(error, "decline_code"), StripeMapping.text(error, "message"));
    }

    /** An amount Stripe cannot charge exactly: refused before sending, never rounded. */
    private static ConnectorResult unrepresentable(String reference, String currency, long amount) {
        return ConnectorResult.declined(reference, "amount_not_supported", null,
                "Stripe cannot charge this amount: " + UNITS.refusal(currency, amount) + ".");
    }

    private static ConnectorResult notSent(String message) {
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_unavailable", null, message, null, null);
    }

    private JsonNode json(StripeResponse res) {
        try {
            return mapper.readTree(res.body() == null || res.body().isEmpty() ? "{}" : res.body());
        } catch (IOException e) {
            throw new ProviderCallException("Stripe sent a body that is not JSON.", false, res.status());
        }
    }

    // ---- inbound webhooks -------------------------------------------------------------------

    /**
     * Verifies with the secret of the account the webhook was addressed to, and only that one: the
     * merchant's stored {@code webhook_secret} for {@code /webhooks/stripe/{merchantId}}, the
     * configured {@code payrail.stripe.webhook-secret} for {@code /webhooks/stripe}. Nothing in the
     * body (which is not verified yet) chooses the secret.
     */
    @Override
    public Uni<ProviderEvent> verifyWebhook(InboundWebhook webhook) {
        Uni<String> secret = webhook.platform() ? Uni.createFrom().item(config.webhookSecret().orElse(null))
                : accounts.credentials(webhook.merchantId(), NAME).onFailure().recoverWithItem(Map.of())
                        .map(c -> c.get("webhook_secret"));
        return secret.map(s -> {
            if (s == null || s.isBlank()) {
                throw new WebhookRejectedException(webhook.platform() ? "no Stripe webhook secret is configured"
                        : "the merchant stored no Stripe webhook secret");
            }
            Instant now = webhook.receivedAt() == null ? Instant.now() : webhook.receivedAt();
            String why = StripeSignature.reject(webhook.header("Stripe-Signature"), webhook.body(), List.of(s),
                    config.webhookTolerance(), now);
            if (why != null) {
                throw new WebhookRejectedException("Stripe webhook rejected: " + why);
            }
            try {
                return StripeEvents.translate(mapper.readTree(webhook.body()));
            } catch (IOException e) {
                throw new WebhookRejectedException("Stripe webhook body is not JSON");
            }
        });
    }
}
