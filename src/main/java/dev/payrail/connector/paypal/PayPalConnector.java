package dev.payrail.connector.paypal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.card.ValidatedCard;
import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.CallReach;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.DisputeOperations;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.Operation;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.money.Currencies;
import dev.payrail.connector.PaymentMethodType;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * PayPal through Orders v2 and Payments v2.
 *
 * <p>The provider reference of a payment is the PayPal <em>order id</em>: it exists from the
 * first answer on (also for orders still waiting for the payer), it is what the payer-action link
 * and return URL carry, and every later operation resolves the authorization or capture id from
 * it with {@code GET /v2/checkout/orders/{id}}. Refunds get the PayPal refund id.
 *
 * <p>Every HTTP exchange goes through {@link #send}, which owns the fault tolerance: a timeout,
 * the {@code paypal} circuit breaker, a bulkhead, and retries on connect errors, 401 (with a
 * fresh token), 409 and 5xx only. Retries resend the same {@code PayPal-Request-Id}, so PayPal
 * replays its first answer instead of acting twice.
 */
@Singleton
public class PayPalConnector implements PaymentConnector, DisputeOperations {

    public static final String NAME = "paypal";
    /** The only wallet this connector takes. */
    public static final String WALLET = "paypal";
    static final String PREFER = "return=representation";
    /** Where PayPal sends the payer back ({@code payment.PayPalReturnResource} serves them), plus the payment id. */
    public static final String RETURN_PATH = "/paypal/return/";
    public static final String CANCEL_PATH = "/paypal/cancel/";
    private static final Logger LOG = Logger.getLogger(PayPalConnector.class);

    private final PayPalClients clients;
    private final PayPalTokens tokens;
    private final PayPalCredentials credentials;
    private final PayPalConfig config;
    private final PayPalWebhooks webhooks;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<String> currencies;

    PayPalConnector(PayPalClients clients, PayPalTokens tokens, PayPalCredentials credentials, PayPalConfig config) {
        this.clients = clients;
        this.tokens = tokens;
        this.credentials = credentials;
        this.config = config;
        this.webhooks = new PayPalWebhooks(config, mapper);
        this.currencies = Set.copyOf(config.currencies());
    }

    /** One HTTP exchange with PayPal, given the API clients and the bearer header. */
    @FunctionalInterface
    interface Call {
        Uni<RestResponse<String>> send(PayPalClients.Apis apis, String bearer);
    }

    /** PayPal's answer: status and the parsed JSON body (null when empty or not JSON). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A transient PayPal answer (401, 409, 5xx) worth retrying with the same request id. */
    static final class Transient extends RuntimeException {
        final int status;

        Transient(int status) {
            super("PayPal answered HTTP " + status, null, false, false);
            this.status = status;
        }
    }

    /** The connection to PayPal could not be opened: the request provably did not leave. */
    static final class NotSent extends RuntimeException {
        NotSent(Throwable cause) {
            super("Could not connect to PayPal: " + cause, cause, false, false);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Merchants cannot store PayPal credentials yet: the platform's REST app is the only account. */
    @Override
    public boolean hasPlatformAccount() {
        return config.clientId().filter(k -> !k.isBlank()).isPresent()
                && config.clientSecret().filter(k -> !k.isBlank()).isPresent();
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of(PayPalCredentials.CLIENT_ID, PayPalCredentials.CLIENT_SECRET);
    }

    @Override
    public Set<String> optionalCredentials() {
        return Set.of(PayPalCredentials.WEBHOOK_ID);
    }

    @Override
    public Set<PaymentMethodType> methods() {
        return Set.of(PaymentMethodType.CARD, PaymentMethodType.WALLET);
    }

    /**
     * PayPal's amounts (developer.paypal.com/docs/api/reference/currency-codes): decimal strings in
     * major units; HUF, JPY and TWD "do not support decimals" (HUF and TWD have two in ISO 4217, so
     * an amount with fillér or cents cannot be sent to PayPal at all).
     */
    static final AmountUnits UNITS = AmountUnits.majorUnits().exponent(0, "HUF", "JPY", "TWD").build();

    @Override
    public AmountUnits units() {
        return UNITS;
    }

    @Override
    public Set<Operation> operations() {
        return Operation.all();
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public Optional<String> configuredBaseUrl() {
        return PayPalClients.configuredBaseUrl();
    }

    @Override
    public boolean supports(PaymentMethodType method, String currency, long amount) {
        return methods().contains(method) && currency != null && currencies.contains(currency)
                && amount > 0 && amount <= Currencies.maxAmount(currency) && UNITS.supports(currency, amount);
    }

    /** An amount PayPal cannot take exactly, refused before anything is sent; {@code null} when it can. */
    private static ConnectorResult unrepresentable(String reference, String currency, long amount) {
        String why = UNITS.refusal(currency, amount);
        return why == null ? null : ConnectorResult.declined(reference, "amount_not_supported", null,
                "PayPal cannot take this amount: " + why + ".");
    }

    // ------------------------------------------------------------------ the guarded exchange

    /**
     * Sends one PayPal call with a valid token. Fails with {@link Transient} (retried) on 401, 409
     * and 5xx, with {@link NotSent} (retried) when no connection could be made; every other
     * answer, errors included, is a {@link Reply}.
     */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5_000, successThreshold = 2)
    @CircuitBreakerName("paypal")
    @Bulkhead(value = 256, waitingTaskQueue = 1024)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = { Transient.class, NotSent.class })
    Uni<Reply> send(PayPalCredentials.Credentials creds, Call call, CallReach reach) {
        return tokens.token(creds)
                .chain(token -> call.send(clients.apis(), "Bearer " + token))
                .onFailure(PayPalConnector::isConnectFailure).transform(NotSent::new)
                .map(response -> {
                    int status = response.getStatus();
                    if (status == 401) {
                        tokens.invalidate(creds);
                        throw new Transient(status);
                    }
                    if (status == 409 || status >= 500) {
                        throw new Transient(status);
                    }
                    return new Reply(status, parse(entity(response)));
                })
                .onFailure().transform(reach::observe);
    }

    /**
     * {@link #send} as the operations use it. When one try may have reached PayPal and a retry was
     * then refused without being sent (the breaker opened meanwhile, the bulkhead was full, no
     * connection), the call as a whole is unknown, never "not sent": it must not fail over or fail the
     * refund.
     */
    Uni<Reply> exchange(PayPalCredentials.Credentials creds, Call call) {
        CallReach reach = new CallReach(PayPalConnector::provablyNotSent);
        return send(creds, call, reach).onFailure().transform(t -> reach.outcome(t, "PayPal"));
    }

    private static boolean isConnectFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** The body as text: the client leaves non-2xx entities unread (an in-memory stream). */
    static String entity(RestResponse<String> response) {
        if (!response.hasEntity()) {
            return null;
        }
        Object entity = ((RestResponse<?>) response).getEntity();
        if (entity instanceof String s) {
            return s;
        }
        if (entity instanceof java.io.InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        }
        return response.readEntity(String.class);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a failed try provably did not reach PayPal, or PayPal states it processed nothing. */
    static boolean provablyNotSent(Throwable t) {
        return t instanceof CircuitBreakerOpenException || t instanceof BulkheadException || t instanceof NotSent
                || t instanceof PayPalTokens.TokenRejected || t instanceof PayPalCredentials.NotConfigured
                || t instanceof Transient tr && tr.status == 401;
    }

    /** What a failed exchange means: provably not sent, or unknown (it may have been processed). */
    static ConnectorResult failure(Throwable t, String reference, String operation) {
        if (t instanceof Transient tr && tr.status == 401) {
            return ConnectorResult.notSent("PayPal rejected our access token; nothing was processed.");
        }
        if (provablyNotSent(t)) {
            return ConnectorResult.notSent("PayPal " + operation + " not sent: " + t.getMessage());
        }
        LOG.warnf("PayPal %s outcome unknown (%s): %s", operation, reference, t.toString());
        return ConnectorResult.unknown(reference, "PayPal did not answer the " + operation + "; the outcome is unknown.");
    }

    // ------------------------------------------------------------------ operations

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize request) {
        if (!UNITS.supports(request.currency(), request.amount())) {
            return Uni.createFrom().item(ConnectorResult.notSent("PayPal cannot take this amount: "
                    + UNITS.refusal(request.currency(), request.amount()) + "."));
        }
        ObjectNode body;
        if (request.method() == PaymentMethodType.CARD && request.card() != null) {
            body = orderBody(request);
            body.putObject("payment_source").set("card", cardSource(request.card(), request.paymentId()));
        } else if (request.method() == PaymentMethodType.WALLET && WALLET.equals(request.wallet())) {
            body = orderBody(request);
            ObjectNode ctx = body.putObject("payment_source").putObject("paypal").putObject("experience_context");
            ctx.put("return_url", returnUrl(request.paymentId()));
            ctx.put("cancel_url", cancelUrl(request.paymentId()));
            ctx.put("shipping_preference", "NO_SHIPPING");
            ctx.put("user_action", "PAY_NOW");
        } else {
            return Uni.createFrom().item(ConnectorResult.declined(null, "payment_method_not_supported", null,
                    "PayPal takes cards and the paypal wallet."));
        }
        String json = body.toString();
        return credentials.forMerchant(request.merchantId())
                .chain(creds -> exchange(creds, (apis, bearer) -> apis.orders().create(bearer, request.idempotencyKey(), PREFER, json))
                        .chain(reply -> reply.ok() ? settleOrder(creds, reply.body())
                                : Uni.createFrom().item(PayPalErrors.translate(reply.status(), reply.body(), null))))
                .onFailure().recoverWithItem(t -> failure(t, null, "order create"));
    }

    private ObjectNode orderBody(ConnectorRequests.Authorize request) {
        ObjectNode body = mapper.createObjectNode();
        body.put("intent", request.capture() ? "CAPTURE" : "AUTHORIZE");
        ObjectNode unit = body.putArray("purchase_units").addObject();
        unit.put("reference_id", request.paymentId());
        unit.put("custom_id", request.paymentId());
        unit.set("amount", money(request.amount(), request.currency()));
        return body;
    }

    private ObjectNode cardSource(ValidatedCard card, String paymentId) {
        ObjectNode c = mapper.createObjectNode();
        if (card.holderName() != null && !card.holderName().isBlank()) {
            c.put("name", card.holderName());
        }
        c.put("number", card.pan());
        c.put("expiry", String.format(Locale.ROOT, "%04d-%02d", card.expiryYear(), card.expiryMonth()));
        if (card.cvc() != null) {
            c.put("security_code", card.cvc());
        }
        ObjectNode ctx = c.putObject("experience_context");
        ctx.put("return_url", returnUrl(paymentId));
        ctx.put("cancel_url", cancelUrl(paymentId));
        return c;
    }

    private ObjectNode money(long amount, String currency) {
        ObjectNode m = mapper.createObjectNode();
        m.put("currency_code", currency);
        m.put("value", UNITS.toProvider(currency, amount));
        return m;
    }

    String returnUrl(String paymentId) {
        return publicBaseUrl() + RETURN_PATH + paymentId;
    }

    String cancelUrl(String paymentId) {
        return publicBaseUrl() + CANCEL_PATH + paymentId;
    }

    private String publicBaseUrl() {
        return dev.payrail.common.PublicBaseUrl.or(config.publicBaseUrl());
    }

    /** Maps an order; an order the payer has approved is authorized or captured first. */
    private Uni<ConnectorResult> settleOrder(PayPalCredentials.Credentials creds, JsonNode order) {
        if (order != null && "APPROVED".equals(order.path("status").asText())) {
            return completeApproved(creds, order.path("id").asText(), order.path("intent").asText("CAPTURE"));
        }
        return Uni.createFrom().item(PayPalStatus.ofOrder(order));
    }

    /**
     * After the payer approved (PayPal checkout or 3-D Secure): authorizes or captures the order,
     * by its intent. The request id is derived from the order id, so the return page, the
     * reconciler and retries never authorize or capture twice.
     */
    private Uni<ConnectorResult> completeApproved(PayPalCredentials.Credentials creds, String orderId, String intent) {
        boolean capture = !"AUTHORIZE".equals(intent);
        String requestId = orderId + (capture ? "-capture" : "-authorize");
        return exchange(creds, (apis, bearer) -> capture ? apis.orders().capture(bearer, requestId, PREFER, orderId, "{}")
                : apis.orders().authorize(bearer, requestId, PREFER, orderId, "{}"))
                .chain(reply -> {
                    if (reply.ok()) {
                        return Uni.createFrom().item(PayPalStatus.ofOrder(reply.body()));
                    }
                    String issue = PayPalErrors.issue(reply.body());
                    if ("ORDER_ALREADY_CAPTURED".equals(issue) || "ORDER_ALREADY_AUTHORIZED".equals(issue)) {
                        return getOrder(creds, orderId).map(r -> r.ok() ? PayPalStatus.ofOrder(r.body())
                                : PayPalErrors.translate(r.status(), r.body(), orderId));
                    }
                    if ("ORDER_NOT_APPROVED".equals(issue)) {
                        return Uni.createFrom().item(ConnectorResult.pending(orderId, null));
                    }
                    return Uni.createFrom().item(PayPalErrors.translate(reply.status(), reply.body(), orderId));
                });
    }

    /**
     * The payer came back from PayPal for this order: authorize or capture it if approved, and
     * say what became of it.
     */
    public Uni<ConnectorResult> completeApproval(String merchantId, String orderId) {
        return credentials.forMerchant(merchantId)
                .chain(creds -> getOrder(creds, orderId).chain(reply -> reply.ok() ? settleOrder(creds, reply.body())
                        : Uni.createFrom().item(PayPalErrors.translate(reply.status(), reply.body(), orderId))))
                .onFailure().recoverWithItem(t -> failure(t, orderId, "order completion"));
    }

    private Uni<Reply> getOrder(PayPalCredentials.Credentials creds, String orderId) {
        return exchange(creds, (apis, bearer) -> apis.orders().get(bearer, orderId));
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture request) {
        String orderId = request.providerReference();
        ConnectorResult refused = unrepresentable(orderId, request.currency(), request.amount());
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        return withOrder(orderId, request.merchantId(), "capture", (creds, order) -> {
            JsonNode authorization = PayPalStatus.latest(order, "authorizations");
            if (authorization == null) {
                return Uni.createFrom().item(ConnectorResult.declined(orderId, "no_authorization", null,
                        "The PayPal order has no authorization to capture."));
            }
            ObjectNode body = mapper.createObjectNode();
            body.set("amount", money(request.amount(), request.currency()));
            body.put("final_capture", request.finalCapture());
            String json = body.toString();
            String authorizationId = authorization.path("id").asText();
            return exchange(creds, (apis, bearer) -> apis.payments().captureAuthorization(bearer, request.idempotencyKey(),
                    PREFER, authorizationId, json))
                    .map(reply -> reply.ok() ? PayPalStatus.ofCapture(reply.body(), orderId)
                            : PayPalErrors.translate(reply.status(), reply.body(), orderId));
        });
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void request) {
        String orderId = request.providerReference();
        return withOrder(orderId, request.merchantId(), "void", (creds, order) -> {
            JsonNode authorization = PayPalStatus.latest(order, "authorizations");
            if (authorization == null) {
                return Uni.createFrom().item(ConnectorResult.declined(orderId, "no_authorization", null,
                        "The PayPal order has no authorization to void."));
            }
            String authorizationId = authorization.path("id").asText();
            return exchange(creds, (apis, bearer) -> apis.payments().voidAuthorization(bearer, request.idempotencyKey(),
                    PREFER, authorizationId, "{}"))
                    .map(reply -> {
                        if (reply.status() == 204) {
                            return ConnectorResult.succeeded(orderId);
                        }
                        if (!reply.ok()) {
                            return PayPalErrors.translate(reply.status(), reply.body(), orderId);
                        }
                        return PayPalStatus.ofVoid(reply.body(), orderId);
                    });
        });
    }

    /**
     * Refunds the order's latest refundable capture with the merchant's credentials. The refund
     * carries our refund id as {@code custom_id}, by which {@link #refundStatus} finds it among the
     * order's refunds when PayPal's answer was lost.
     */
    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund request) {
        String orderId = request.providerReference();
        ConnectorResult refused = unrepresentable(null, request.currency(), request.amount());
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        return withOrder(orderId, request.merchantId(), "refund", (creds, order) -> {
            JsonNode capture = PayPalStatus.refundableCapture(order);
            if (capture == null) {
                return Uni.createFrom().item(ConnectorResult.declined(null, "no_capture", null,
                        "The PayPal order has no completed capture to refund."));
            }
            ObjectNode body = mapper.createObjectNode();
            body.set("amount", money(request.amount(), request.currency()));
            body.put("custom_id", request.refundId());
            String json = body.toString();
            String captureId = capture.path("id").asText();
            return exchange(creds, (apis, bearer) -> apis.payments().refundCapture(bearer, request.idempotencyKey(), PREFER,
                    captureId, json))
                    .map(reply -> reply.ok() ? PayPalStatus.ofRefund(reply.body())
                            : PayPalErrors.translate(reply.status(), reply.body(), null));
        });
    }

    /**
     * By PayPal's refund id ({@code GET /v2/payments/refunds/{id}}) when its answer reached us;
     * otherwise the order's refunds ({@code purchase_units[].payments.refunds}) are searched for
     * the one whose {@code custom_id} is our refund id. Never repeats the refund.
     */
    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus request) {
        String refundId = request.refundProviderReference();
        if (refundId != null) {
            return credentials.forMerchant(request.merchantId())
                    .chain(creds -> exchange(creds, (apis, bearer) -> apis.payments().getRefund(bearer, refundId)))
                    .map(reply -> {
                        if (reply.ok()) {
                            return PayPalStatus.ofRefund(reply.body());
                        }
                        return reply.status() == 404 ? ConnectorResult.noRecord("PayPal has no refund " + refundId + ".")
                                : ConnectorResult.unknown(refundId, "PayPal answered " + reply.status() + ".");
                    })
                    .onFailure().recoverWithItem(t -> failure(t, refundId, "refund status"));
        }
        String orderId = request.paymentProviderReference();
        if (orderId == null || orderId.isBlank()) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "Nothing to look the refund up by."));
        }
        return credentials.forMerchant(request.merchantId())
                .chain(creds -> getOrder(creds, orderId))
                .map(reply -> {
                    if (reply.status() == 404) {
                        return ConnectorResult.noRecord("PayPal has no order " + orderId + ".");
                    }
                    if (!reply.ok()) {
                        return ConnectorResult.unknown(null, "PayPal answered " + reply.status() + " for the order.");
                    }
                    for (JsonNode unit : reply.body().path("purchase_units")) {
                        for (JsonNode refund : unit.path("payments").path("refunds")) {
                            if (request.refundId().equals(refund.path("custom_id").asText(null))) {
                                return PayPalStatus.ofRefund(refund);
                            }
                        }
                    }
                    return ConnectorResult.noRecord("PayPal has no refund for " + request.refundId() + ".");
                })
                .onFailure().recoverWithItem(t -> failure(t, null, "refund status"));
    }

    /**
     * What became of a payment. With an order id: the order's state (an approved order is
     * completed first). Without one (the create's answer was lost): the create is replayed with
     * the same {@code PayPal-Request-Id} — the attempt's key, or the payment id for callers that
     * have none; PayPal answers with the original order if the first request reached it. If it did not,
     * PayPal creates an order without a payment source, which charges nothing and expires: the
     * payment provably was not processed.
     */
    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status request) {
        if (request.providerReference() == null) {
            if (!UNITS.supports(request.currency(), request.amount())) {
                return Uni.createFrom().item(ConnectorResult.notSent("PayPal was never sent this amount: "
                        + UNITS.refusal(request.currency(), request.amount()) + "."));
            }
            ObjectNode body = mapper.createObjectNode();
            body.put("intent", "CAPTURE");
            ObjectNode unit = body.putArray("purchase_units").addObject();
            unit.put("reference_id", request.paymentId());
            unit.set("amount", money(request.amount(), request.currency()));
            String json = body.toString();
            String requestId = request.idempotencyKey() != null ? request.idempotencyKey() : request.paymentId();
            return credentials.forMerchant(request.merchantId())
                    .chain(creds -> exchange(creds, (apis, bearer) -> apis.orders().create(bearer, requestId, PREFER, json))
                            .chain(reply -> {
                                if (!reply.ok()) {
                                    return Uni.createFrom().item(PayPalErrors.translate(reply.status(), reply.body(), null));
                                }
                                if (!reply.body().has("payment_source") && "CREATED".equals(reply.body().path("status").asText())) {
                                    return Uni.createFrom().item(ConnectorResult.noRecord(
                                            "PayPal never received the payment (its request id was unused)."));
                                }
                                return settleOrder(creds, reply.body());
                            }))
                    .onFailure().recoverWithItem(t -> failure(t, null, "status"));
        }
        return withOrder(request.providerReference(), request.merchantId(), "status", this::settleOrder);
    }

    @FunctionalInterface
    private interface OrderStep {
        Uni<ConnectorResult> apply(PayPalCredentials.Credentials creds, JsonNode order);
    }

    private Uni<ConnectorResult> withOrder(String orderId, String merchantId, String operation, OrderStep step) {
        if (orderId == null || orderId.isBlank()) {
            return Uni.createFrom().item(ConnectorResult.declined(null, "no_provider_reference", null,
                    "The payment has no PayPal order."));
        }
        return credentials.forMerchant(merchantId)
                .chain(creds -> getOrder(creds, orderId).chain(reply -> reply.ok() ? step.apply(creds, reply.body())
                        : Uni.createFrom().item(PayPalErrors.translate(reply.status(), reply.body(), orderId))))
                .onFailure().recoverWithItem(t -> failure(t, orderId, operation));
    }

    // ------------------------------------------------------------------ disputes (Disputes API v1)

    /**
     * PayPal has no staged evidence: what it is given is submitted. Without {@code submit} nothing is
     * sent and the dispute is read ({@code GET /v1/customer/disputes/{id}}); with it, the text evidence
     * goes to {@code provide-evidence} ({@link PayPalDisputeEvidence}) and the dispute is read after.
     */
    @Override
    public Uni<DisputeOperations.Answer> submitEvidence(String merchantId, String disputeId, Map<String, String> evidence,
            boolean submit) {
        if (!submit) {
            return disputeAction(merchantId, disputeId, null);
        }
        String input;
        try {
            input = PayPalDisputeEvidence.input(evidence);
        } catch (PayPalDisputeEvidence.NotSendable e) {
            return Uni.createFrom().item(DisputeOperations.Answer.refused("evidence_not_supported", e.getMessage()));
        }
        String requestId = disputeRequestId("evidence", disputeId, input);
        return disputeAction(merchantId, disputeId,
                (apis, bearer) -> apis.disputes().provideEvidence(bearer, requestId, disputeId, input));
    }

    /** {@code accept-claim} with a full refund to the buyer; PayPal resolves the dispute in the buyer's favour. */
    @Override
    public Uni<DisputeOperations.Answer> accept(String merchantId, String disputeId) {
        ObjectNode body = mapper.createObjectNode();
        body.put("note", "The merchant accepts the claim.");
        body.put("accept_claim_type", "REFUND");
        String json = body.toString();
        String requestId = disputeRequestId("accept", disputeId, json);
        return disputeAction(merchantId, disputeId,
                (apis, bearer) -> apis.disputes().acceptClaim(bearer, requestId, disputeId, json));
    }

    /** The action (none: only the read), then the dispute as PayPal shows it; a PayPal 4xx is a refusal. */
    private Uni<DisputeOperations.Answer> disputeAction(String merchantId, String disputeId, Call action) {
        return credentials.forMerchant(merchantId).chain(creds -> {
            Uni<Reply> done = action == null ? Uni.createFrom().item(new Reply(200, null)) : exchange(creds, action);
            return done.chain(reply -> !reply.ok() ? Uni.createFrom().item(refusal(reply))
                    : exchange(creds, (apis, bearer) -> apis.disputes().get(bearer, disputeId)).map(shown -> shown.ok()
                            ? new DisputeOperations.Answer(PayPalWebhooks.dispute(shown.body()), null, null)
                            : refusal(shown)));
        }).onFailure(PayPalCredentials.NotConfigured.class).recoverWithItem(
                e -> DisputeOperations.Answer.refused("provider_unavailable", e.getMessage()));
    }

    private static DisputeOperations.Answer refusal(Reply reply) {
        String issue = PayPalErrors.issue(reply.body());
        String name = PayPalErrors.name(reply.body());
        String code = issue != null ? issue : name != null ? name : "HTTP_" + reply.status();
        String message = PayPalErrors.message(reply.body());
        return DisputeOperations.Answer.refused(code.toLowerCase(Locale.ROOT),
                message == null ? "PayPal answered HTTP " + reply.status() + "." : message);
    }

    /** The same action with the same content has the same {@code PayPal-Request-Id}: a retry is replayed, not redone. */
    static String disputeRequestId(String action, String disputeId, String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((action + "|" + disputeId + "|" + content).getBytes(StandardCharsets.UTF_8));
            return "payrail-dispute-" + action + "-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ webhooks

    /**
     * Verifies a PayPal webhook with PayPal's documented postback
     * ({@code POST /v1/notifications/verify-webhook-signature}), after local checks: all signature
     * headers present, transmission time within {@code payrail.paypal.webhook-tolerance}, body a
     * JSON event. The event is passed to PayPal as the raw bytes received, never re-serialised.
     * The webhook id is that of the account the webhook was addressed to (see
     * {@link PayPalCredentials#forWebhooks}), never one named in the body.
     */
    @Override
    public Uni<ProviderEvent> verifyWebhook(InboundWebhook webhook) {
        PayPalWebhooks.Checked checked;
        try {
            checked = webhooks.check(webhook);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return credentials.forWebhooks(webhook.merchantId())
                .onFailure(PayPalCredentials.NotConfigured.class)
                .transform(e -> new WebhookRejectedException(e.getMessage()))
                .chain(creds -> {
                    String json = webhooks.verificationRequest(checked, creds.webhookId());
                    return exchange(creds, (apis, bearer) -> apis.notifications().verifyWebhookSignature(bearer, json));
                })
                .map(reply -> webhooks.accept(checked, reply.status(), reply.body()));
    }

    /** Exposed for tests: token requests sent to PayPal since start. */
    public long tokenRequestsSent() {
        return tokens.requestsSent();
    }
}
