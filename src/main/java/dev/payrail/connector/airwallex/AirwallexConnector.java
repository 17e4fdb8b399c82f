package dev.payrail.connector.airwallex;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.ConnectorFailures;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.connector.PaymentStage;
import dev.payrail.connector.ProviderCallException;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.provider.ProviderAccounts;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * Airwallex Payments Acceptance: a bearer token from {@code /authentication/login} (cached per
 * credentials until shortly before {@code expires_at}), then PaymentIntents created with
 * {@code merchant_order_id} = our payment id and confirmed with the card, captured, cancelled and
 * refunded. Every mutating call carries a {@code request_id} derived from the attempt id, fixed for
 * every retry, so Airwallex processes it once. Every HTTP call goes through {@link #send}, which
 * owns the fault tolerance (one circuit breaker named {@code airwallex}); answers Airwallex gives
 * on purpose ({@code 4xx}: declines, invalid requests) are results, never retried.
 *
 * <p>Amounts are decimal numbers of major units ({@link BigDecimal}, never floating point) with
 * ISO 4217 exponents. Raw card data goes to Airwallex only for PCI merchants; the body is never logged.
 */
@Singleton
public class AirwallexConnector implements PaymentConnector {

    public static final String NAME = "airwallex";
    static final int PAGE_SIZE = 100;
    /** Airwallex's largest {@code request_id}. */
    static final int MAX_REQUEST_ID = 64;

    /** Decimal major units with ISO 4217 exponents (Airwallex documents no exceptions). */
    static final AmountUnits UNITS = AmountUnits.majorUnits().build();

    private static final DateTimeFormatter EXPIRES_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final AirwallexConfig config;
    private final ProviderAccounts accounts;
    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final AirwallexApi api;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    record Token(String value, Instant renewAt) {
    }

    /** The account a call is made with. */
    record Credentials(String clientId, String apiKey) {

        /**
         * The token cache key: the client id with a digest of the key, so that a token is only
         * reused for the very credentials that obtained it (a wrong key never rides on a valid one).
         */
        String cacheKey() {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return clientId + ":" + java.util.HexFormat.of().formatHex(digest);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "Credentials[" + clientId + "]";
        }
    }

    AirwallexConnector(AirwallexConfig config, ProviderAccounts accounts, ObjectMapper mapper,
            @RestClient AirwallexApi api) {
        this.config = config;
        this.accounts = accounts;
        this.mapper = mapper;
        this.reader = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
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

    @Override
    public Set<Operation> operations() {
        return Operation.all();
    }

    @Override
    public AmountUnits units() {
        return UNITS;
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** {@code quarkus.rest-client.airwallex.url}, the base URL of {@link AirwallexApi}. */
    @Override
    public Optional<String> configuredBaseUrl() {
        return PaymentConnector.restClientUrl("airwallex");
    }

    @Override
    public boolean supports(PaymentMethodType method, String currency, long amount) {
        return method == PaymentMethodType.CARD && currency != null && amount > 0
                && config.currencies().contains(currency.toUpperCase(Locale.ROOT)) && UNITS.supports(currency, amount);
    }

    @Override
    public boolean hasPlatformAccount() {
        return config.clientId().filter(k -> !k.isBlank()).isPresent() && config.apiKey().filter(k -> !k.isBlank()).isPresent();
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of("client_id", "api_key");
    }

    @Override
    public Set<String> optionalCredentials() {
        return Set.of("webhook_secret");
    }

    // ---- operations -------------------------------------------------------------------------

    /**
     * Creates the PaymentIntent ({@code request_id} = the attempt id) and confirms it with the card
     * ({@code request_id} = attempt id + {@code "_confirm"}, {@code auto_capture} for a purchase).
     */
    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize r) {
        if (r.card() == null) {
            return Uni.createFrom().item(notSent("Airwallex takes card payments only."));
        }
        if (!UNITS.supports(r.currency(), r.amount())) {
            return Uni.createFrom().item(notSent("Airwallex cannot charge this amount: "
                    + UNITS.refusal(r.currency(), r.amount()) + "."));
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("request_id", requestId(r.idempotencyKey(), "create"));
        create.put("amount", major(r.currency(), r.amount()));
        create.put("currency", r.currency().toUpperCase(Locale.ROOT));
        create.put("merchant_order_id", r.paymentId());
        create.put("return_url", config.returnUrl());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("payrail_payment_id", r.paymentId());
        metadata.put("payrail_attempt_id", r.idempotencyKey());
        create.put("metadata", metadata);
        return withToken(r.merchantId(), token -> guarded(AirwallexCall.post(AirwallexCall.Kind.CREATE, token, null,
                write(create))).chain(res -> {
                    if (!res.ok()) {
                        return Uni.createFrom().item(rejected(res, null));
                    }
                    String intentId = AirwallexMapping.text(json(res), "id");
                    return guarded(AirwallexCall.post(AirwallexCall.Kind.CONFIRM, token, intentId, write(confirmBody(r))))
                            .map(confirmed -> confirmed.ok() ? AirwallexMapping.authorization(json(confirmed))
                                    : rejected(confirmed, intentId));
                }));
    }

    private Map<String, Object> confirmBody(ConnectorRequests.Authorize r) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("number", r.card().pan());
        card.put("expiry_month", String.format(Locale.ROOT, "%02d", r.card().expiryMonth()));
        card.put("expiry_year", String.valueOf(r.card().expiryYear()));
        if (r.card().cvc() != null) {
            card.put("cvc", r.card().cvc());
        }
        if (r.card().holderName() != null) {
            card.put("name", r.card().holderName());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId(r.idempotencyKey(), "confirm"));
        body.put("payment_method", Map.of("type", "card", "card", card));
        body.put("payment_method_options", Map.of("card", Map.of("auto_capture", r.capture())));
        body.put("return_url", config.returnUrl());
        return body;
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture r) {
        if (!UNITS.supports(r.currency(), r.amount())) {
            return Uni.createFrom().item(unrepresentable(r.providerReference(), r.currency(), r.amount()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId(r.idempotencyKey(), null));
        body.put("amount", major(r.currency(), r.amount()));
        return withToken(r.merchantId(), token -> guarded(AirwallexCall.post(AirwallexCall.Kind.CAPTURE, token,
                r.providerReference(), write(body)))
                .map(res -> res.ok() ? AirwallexMapping.capture(json(res)) : refused(res, r.providerReference())));
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId(r.idempotencyKey(), null));
        body.put("cancellation_reason", "requested_by_customer");
        return withToken(r.merchantId(), token -> guarded(AirwallexCall.post(AirwallexCall.Kind.CANCEL, token,
                r.providerReference(), write(body)))
                .map(res -> res.ok() ? AirwallexMapping.cancel(json(res)) : refused(res, r.providerReference())));
    }

    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund r) {
        if (!UNITS.supports(r.currency(), r.amount())) {
            return Uni.createFrom().item(unrepresentable(null, r.currency(), r.amount()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId(r.idempotencyKey(), null));
        body.put("payment_intent_id", r.providerReference());
        body.put("amount", major(r.currency(), r.amount()));
        if (r.reason() != null) {
            body.put("reason", r.reason().length() > 128 ? r.reason().substring(0, 128) : r.reason());
        }
        body.put("metadata", Map.of("payrail_refund_id", r.refundId(), "payrail_payment_id", r.paymentId()));
        return withToken(r.merchantId(), token -> guarded(AirwallexCall.post(AirwallexCall.Kind.REFUND, token, null,
                write(body))).map(res -> res.ok() ? AirwallexMapping.refund(json(res)) : refused(res, null)));
    }

    /**
     * By the PaymentIntent id when we have it; otherwise among the intents whose
     * {@code merchant_order_id} is our payment id, the one created with this attempt's
     * {@code request_id}. None: {@link ConnectorResult#noRecord}. An intent that was created but
     * never confirmed (the confirm was lost before it reached Airwallex) is cancelled first, so
     * that nothing can charge it any more, and then reported failed.
     */
    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status r) {
        if (r.providerReference() != null) {
            return withToken(r.merchantId(), token -> guarded(AirwallexCall.get(AirwallexCall.Kind.RETRIEVE, token,
                    r.providerReference())).chain(res -> {
                        if (res.status() == 404) {
                            return Uni.createFrom().item(ConnectorResult.noRecord("Airwallex has no PaymentIntent "
                                    + r.providerReference() + "."));
                        }
                        return res.ok() ? settle(token, json(res), r.idempotencyKey())
                                : Uni.createFrom().item(ConnectorResult.unknown(r.providerReference(),
                                        "Airwallex answered " + res.status() + "."));
                    }));
        }
        if (r.idempotencyKey() == null) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "Nothing to look the payment up by."));
        }
        String createId = requestId(r.idempotencyKey(), "create");
        return withToken(r.merchantId(), token -> guarded(AirwallexCall.get(AirwallexCall.Kind.LIST_INTENTS, token,
                r.paymentId())).chain(res -> {
                    if (!res.ok()) {
                        return Uni.createFrom().item(ConnectorResult.unknown(null,
                                "Airwallex answered " + res.status() + " to the intent list."));
                    }
                    JsonNode list = json(res);
                    for (JsonNode intent : list.path("items")) {
                        if (createId.equals(AirwallexMapping.text(intent, "request_id")) || r.idempotencyKey()
                                .equals(AirwallexMapping.text(intent.path("metadata"), "payrail_attempt_id"))) {
                            return settle(token, intent, r.idempotencyKey());
                        }
                    }
                    return Uni.createFrom().item(list.path("has_more").asBoolean(false)
                            ? ConnectorResult.unknown(null, "Airwallex lists more intents than one page.")
                            : ConnectorResult.noRecord("Airwallex has no PaymentIntent for attempt "
                                    + r.idempotencyKey() + "."));
                }));
    }

    /** The stage of an intent read back; an unconfirmed one is cancelled so that it stays uncharged. */
    private Uni<ConnectorResult> settle(String token, JsonNode intent, String attemptKey) {
        String id = AirwallexMapping.text(intent, "id");
        boolean orphan = "REQUIRES_PAYMENT_METHOD".equals(AirwallexMapping.text(intent, "status"))
                && !AirwallexMapping.confirmed(intent);
        if (!orphan || attemptKey == null) {
            return Uni.createFrom().item(AirwallexMapping.status(intent));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId(attemptKey, "orphan"));
        body.put("cancellation_reason", "payment_not_confirmed");
        return guarded(AirwallexCall.post(AirwallexCall.Kind.CANCEL, token, id, write(body))).map(res -> {
            if (!res.ok()) {
                return ConnectorResult.unknown(id, "Airwallex answered " + res.status() + " to cancelling an unconfirmed intent.");
            }
            JsonNode after = json(res);
            if (!"CANCELLED".equals(AirwallexMapping.text(after, "status"))) {
                return AirwallexMapping.status(after);
            }
            return ConnectorResult.declined(id, "payment_not_confirmed", null,
                    "The card never reached Airwallex; the PaymentIntent was cancelled.").at(PaymentStage.FAILED);
        });
    }

    /**
     * By the refund id when its answer reached us ({@code GET /pa/refunds/{id}}); otherwise among
     * the PaymentIntent's refunds the one whose {@code metadata.payrail_refund_id} is ours. Never re-POSTs.
     */
    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus r) {
        if (r.refundProviderReference() != null) {
            return withToken(r.merchantId(), token -> guarded(AirwallexCall.get(AirwallexCall.Kind.RETRIEVE_REFUND, token,
                    r.refundProviderReference())).map(res -> {
                        if (res.ok()) {
                            return AirwallexMapping.refund(json(res));
                        }
                        return res.status() == 404
                                ? ConnectorResult.noRecord("Airwallex has no refund " + r.refundProviderReference() + ".")
                                : ConnectorResult.unknown(r.refundProviderReference(), "Airwallex answered " + res.status() + ".");
                    }));
        }
        if (r.paymentProviderReference() == null) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "Nothing to look the refund up by."));
        }
        return withToken(r.merchantId(), token -> guarded(AirwallexCall.get(AirwallexCall.Kind.LIST_REFUNDS, token,
                r.paymentProviderReference())).map(res -> {
                    if (!res.ok()) {
                        return ConnectorResult.unknown(null, "Airwallex answered " + res.status() + " to the refund list.");
                    }
                    JsonNode list = json(res);
                    for (JsonNode refund : list.path("items")) {
                        if (r.refundId().equals(AirwallexMapping.text(refund.path("metadata"), "payrail_refund_id"))) {
                            return AirwallexMapping.refund(refund);
                        }
                    }
                    return list.path("has_more").asBoolean(false)
                            ? ConnectorResult.unknown(null, "Airwallex lists more refunds than one page.")
                            : ConnectorResult.noRecord("Airwallex has no refund for " + r.refundId() + ".");
                }));
    }

    // ---- the guarded call -------------------------------------------------------------------

    /**
     * One HTTP call to Airwallex under the connector's fault tolerance. Fails (so that the breaker
     * counts it, and {@code Retryable} ones are repeated with the same {@code request_id}) only when
     * Airwallex gave no usable answer: no connection, {@code 409}, {@code 429}, {@code 5xx}.
     */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @CircuitBreakerName(NAME)
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderCallException.Retryable.class)
    Uni<AirwallexResponse> send(AirwallexCall call) {
        String a = call.auth();
        Uni<Response> http = switch (call.kind()) {
            case LOGIN -> api.login(a, call.apiKey());
            case CREATE -> api.createIntent(a, call.body());
            case CONFIRM -> api.confirm(a, call.objectId(), call.body());
            case CAPTURE -> api.capture(a, call.objectId(), call.body());
            case CANCEL -> api.cancel(a, call.objectId(), call.body());
            case RETRIEVE -> api.retrieve(a, call.objectId());
            case LIST_INTENTS -> api.listIntents(a, call.objectId(), PAGE_SIZE);
            case REFUND -> api.createRefund(a, call.body());
            case RETRIEVE_REFUND -> api.retrieveRefund(a, call.objectId());
            case LIST_REFUNDS -> api.listRefunds(a, call.objectId(), PAGE_SIZE);
        };
        return http.onFailure().transform(t -> ConnectorFailures.transport(t, "Airwallex", false)).map(AirwallexConnector::checked)
                .invoke(res -> {
                    if (res.status() == 401 && call.kind() != AirwallexCall.Kind.LOGIN) {
                        // expired or revoked: log in again next time
                        tokens.values().removeIf(t -> call.auth().equals("Bearer " + t.value()));
                    }
                }).onFailure().transform(call.reach()::observe);
    }

    /**
     * {@link #send} as the operations use it. When one try may have reached Airwallex and a retry was
     * then refused without being sent (the breaker opened meanwhile, the bulkhead was full, no
     * connection), the call as a whole is unknown, never "not sent": it must not fail over or fail the
     * refund.
     */
    private Uni<AirwallexResponse> guarded(AirwallexCall call) {
        return send(call).onFailure().transform(t -> call.reach().outcome(t, "Airwallex"));
    }

    static AirwallexResponse checked(Response r) {
        int status = r.getStatus();
        String body = r.hasEntity() ? r.readEntity(String.class) : "";
        if (status < 400) {
            return new AirwallexResponse(status, body);
        }
        boolean refused = status == 503 || status == 429;
        if (status == 409 || status == 429 || status >= 500) {
            throw new ProviderCallException.Retryable("Airwallex answered " + status + ".", refused, status);
        }
        return new AirwallexResponse(status, body);
    }

    // ---- credentials and the bearer token ---------------------------------------------------

    /** The merchant's Airwallex account, else (outside prod) the configured sandbox account. */
    private Uni<ConnectorResult> withToken(String merchantId, Function<String, Uni<ConnectorResult>> call) {
        return accounts.credentials(merchantId, NAME).chain(c -> {
            String clientId = c.getOrDefault("client_id", config.clientId().orElse(null));
            String apiKey = c.containsKey("client_id") ? c.get("api_key") : config.apiKey().orElse(null);
            if (clientId == null || apiKey == null) {
                return Uni.createFrom().item(notSent("No Airwallex credentials for this merchant."));
            }
            return token(new Credentials(clientId, apiKey)).chain(token -> token == null
                    ? Uni.createFrom().item(notSent("Airwallex refused the login of client " + clientId + "."))
                    : call.apply(token.value()));
        });
    }

    /** The cached token of these credentials, or a new one; {@code null} when Airwallex refuses the login. */
    Uni<Token> token(Credentials c) {
        String key = c.cacheKey();
        Token cached = tokens.get(key);
        if (cached != null && Instant.now().isBefore(cached.renewAt())) {
            return Uni.createFrom().item(cached);
        }
        return send(AirwallexCall.login(c.clientId(), c.apiKey())).map(res -> {
            if (!res.ok()) {
                tokens.remove(key);
                return null;
            }
            JsonNode body = json(res);
            Token token = new Token(AirwallexMapping.text(body, "token"),
                    expiresAt(AirwallexMapping.text(body, "expires_at")).minus(config.tokenRenewBefore()));
            tokens.put(key, token);
            return token;
        });
    }

    /** Forgets every cached token (tests; a rotated key). */
    public void forgetTokens() {
        tokens.clear();
    }

    /** {@code expires_at} as Airwallex writes it ({@code 2023-01-13T07:32:05+0000}); 25 minutes when unreadable. */
    static Instant expiresAt(String text) {
        if (text != null) {
            try {
                return OffsetDateTime.parse(text, EXPIRES_AT).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException ignored) {
                    // fall through
                }
            }
        }
        return Instant.now().plusSeconds(25 * 60);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Airwallex's {@code request_id} for this attempt: the attempt id, with a suffix per step when an attempt makes two calls. */
    static String requestId(String attemptKey, String step) {
        String id = step == null ? attemptKey : attemptKey + "_" + step;
        if (id.length() > MAX_REQUEST_ID) {
            throw new IllegalArgumentException("request_id longer than " + MAX_REQUEST_ID + ": " + id);
        }
        return id;
    }

    /** The amount as Airwallex's decimal number of major units. */
    static BigDecimal major(String currency, long minor) {
        return new BigDecimal(UNITS.toProvider(currency, minor));
    }

    /**
     * A {@code 4xx} answer to create or confirm: a decline is a decline; anything else (a
     * validation error, an intent that can no longer be confirmed) means nothing was charged.
     */
    private ConnectorResult rejected(AirwallexResponse res, String intentId) {
        JsonNode error = json(res);
        String code = AirwallexMapping.text(error, "code");
        if (AirwallexMapping.isDecline(code)) {
            return AirwallexMapping.declined(intentId, error, res.status());
        }
        if (res.status() == 401) {
            return unauthorized();
        }
        return new ConnectorResult(Outcome.NOT_SENT, intentId, "provider_rejected_request", null,
                "Airwallex rejected the request (" + res.status() + " " + code + "): "
                        + AirwallexMapping.text(error, "message"), null, null);
    }

    private ConnectorResult refused(AirwallexResponse res, String reference) {
        if (res.status() == 401) {
            return unauthorized();
        }
        return AirwallexMapping.declined(reference, json(res), res.status());
    }

    private static ConnectorResult unauthorized() {
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_unauthorized", null,
                "Airwallex refused the bearer token; nothing was processed.", null, null);
    }

    private static ConnectorResult unrepresentable(String reference, String currency, long amount) {
        return ConnectorResult.declined(reference, "amount_not_supported", null,
                "Airwallex cannot charge this amount: " + UNITS.refusal(currency, amount) + ".");
    }

    private static ConnectorResult notSent(String message) {
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_unavailable", null, message, null, null);
    }

    private String write(Map<String, Object> body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode json(AirwallexResponse res) {
        try {
            return reader.readTree(res.body() == null || res.body().isEmpty() ? "{}" : res.body());
        } catch (IOException e) {
            throw new ProviderCallException("Airwallex sent a body that is not JSON.", false, res.status());
        }
    }

    // ---- inbound webhooks -------------------------------------------------------------------

    /**
     * Verifies with the secret of the account the webhook was addressed to, and only that one: the
     * merchant's stored {@code webhook_secret} for {@code /webhooks/airwallex/{merchantId}}, the
     * configured {@code payrail.airwallex.webhook-secret} for {@code /webhooks/airwallex}.
     */
    @Override
    public Uni<ProviderEvent> verifyWebhook(InboundWebhook webhook) {
        Uni<String> secret = webhook.platform() ? Uni.createFrom().item(config.webhookSecret().orElse(null))
                : accounts.credentials(webhook.merchantId(), NAME).onFailure().recoverWithItem(Map.of())
                        .map(c -> c.get("webhook_secret"));
        return secret.map(s -> {
            if (s == null || s.isBlank()) {
                throw new WebhookRejectedException(webhook.platform() ? "no Airwallex webhook secret is configured"
                        : "the merchant stored no Airwallex webhook secret");
            }
            Instant now = webhook.receivedAt() == null ? Instant.now() : webhook.receivedAt();
            String why = AirwallexSignature.reject(webhook.header("x-timestamp"), webhook.header("x-signature"),
                    webhook.body(), s, config.webhookTolerance(), now);
            if (why != null) {
                throw new WebhookRejectedException("Airwallex webhook rejected: " + why);
            }
            try {
                return AirwallexEvents.translate(reader.readTree(webhook.body()));
            } catch (IOException e) {
                throw new WebhookRejectedException("Airwallex webhook body is not JSON");
            }
        });
    }
}
