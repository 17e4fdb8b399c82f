package dev.payrail.connector.razorpay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.ConnectorFailures;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.connector.ProviderCallException;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.provider.ProviderAccounts;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * Razorpay orders and payments, server to server. An authorization is two calls: an order whose
 * {@code receipt} is derived from the attempt id ({@code unique_receipt}: a resent create returns
 * the same order), then a payment on it — card ({@code /v1/payments/create/json}, answered with the
 * bank's authentication page) or UPI collect ({@code /v1/payments/create/upi}, the payer approves
 * in the UPI app). Both end {@code requires_action}; the payment's webhooks or a status query
 * settle it. Razorpay offers no void and no partial capture: the connector does not declare them.
 *
 * <p>A lost answer is found again by our reference: {@code GET /v1/orders?receipt=} and the order's
 * payments. Refunds carry {@code X-Refund-Idempotency} derived from the attempt id.
 */
@Singleton
public class RazorpayConnector implements PaymentConnector {

    public static final String NAME = "razorpay";
    /** Razorpay's longest receipt. */
    static final int RECEIPT_MAX = 40;
    private static final Pattern REFUND_KEY = Pattern.compile("[A-Za-z0-9_-]{10,}");

    private final RazorpayConfig config;
    private final ProviderAccounts accounts;
    private final ObjectMapper mapper;
    private final RazorpayApi api;

    RazorpayConnector(RazorpayConfig config, ProviderAccounts accounts, ObjectMapper mapper, @RestClient RazorpayApi api) {
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
        return Set.of(PaymentMethodType.CARD, PaymentMethodType.UPI);
    }

    /** No void (Razorpay releases an uncaptured authorization by itself) and no partial capture. */
    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.AUTHORIZE, Operation.CAPTURE, Operation.REFUND, Operation.PARTIAL_REFUND,
                Operation.PAYMENT_STATUS, Operation.REFUND_STATUS);
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** {@code quarkus.rest-client.razorpay.url}, the base URL of {@link RazorpayApi}. */
    @Override
    public Optional<String> configuredBaseUrl() {
        return PaymentConnector.restClientUrl("razorpay");
    }

    /** Paise: Payrail's ISO minor units (the default {@link #units()}), within Razorpay's limits. */
    @Override
    public boolean supports(PaymentMethodType method, String currency, long amount) {
        return methods().contains(method) && currency != null
                && config.currencies().contains(currency.toUpperCase(Locale.ROOT)) && units().supports(currency, amount)
                && amount >= config.minAmount() && amount <= config.maxAmount();
    }

    @Override
    public boolean hasPlatformAccount() {
        return config.keyId().filter(k -> !k.isBlank()).isPresent() && config.keySecret().filter(k -> !k.isBlank()).isPresent();
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of("key_id", "key_secret");
    }

    @Override
    public Set<String> optionalCredentials() {
        return Set.of("webhook_secret");
    }

    // ---- operations -------------------------------------------------------------------------

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize r) {
        boolean upi = r.method() == PaymentMethodType.UPI;
        if (upi ? r.vpa() == null : r.card() == null) {
            return Uni.createFrom().item(notSent("Razorpay takes card and UPI payments only."));
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("amount", r.amount());
        order.put("currency", r.currency().toUpperCase(Locale.ROOT));
        order.put("receipt", receipt(r.idempotencyKey()));
        order.put("unique_receipt", true);
        order.put("payment_capture", r.capture() ? 1 : 0);
        order.put("notes", notes("payrail_payment_id", r.paymentId(), "payrail_attempt_id", r.idempotencyKey()));
        return withAuth(r.merchantId(), auth -> guarded(RazorpayCall.createOrder(auth, write(order))).chain(res -> {
            if (!res.ok()) {
                return Uni.createFrom().item(rejected(json(res), res.status(), "the order"));
            }
            JsonNode created = json(res);
            if (created.path("attempts").asInt(0) > 0 || "paid".equals(RazorpayMapping.text(created, "status"))) {
                // The same receipt was paid on before: never a second payment on it; the reconciler looks.
                return Uni.createFrom().item(ConnectorResult.unknown(null,
                        "Razorpay order " + RazorpayMapping.text(created, "id") + " was attempted before."));
            }
            return pay(auth, r, RazorpayMapping.text(created, "id"));
        }));
    }

    /** The payment on the order: card with the bank's page to follow, or a UPI collect request. */
    private Uni<ConnectorResult> pay(String auth, ConnectorRequests.Authorize r, String orderId) {
        boolean upi = r.method() == PaymentMethodType.UPI;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", r.amount());
        body.put("currency", r.currency().toUpperCase(Locale.ROOT));
        body.put("order_id", orderId);
        body.put("email", config.customerEmail());
        body.put("contact", config.customerContact());
        if (upi) {
            body.put("method", "upi");
            body.put("upi", Map.of("flow", "collect", "vpa", r.vpa()));
        } else {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("number", r.card().pan());
            card.put("expiry_month", String.format("%02d", r.card().expiryMonth()));
            card.put("expiry_year", String.valueOf(r.card().expiryYear()));
            if (r.card().cvc() != null) {
                card.put("cvv", r.card().cvc());
            }
            if (r.card().holderName() != null) {
                card.put("name", r.card().holderName());
            }
            body.put("method", "card");
            body.put("card", card);
        }
        body.put("ip", config.customerIp());
        body.put("user_agent", config.userAgent());
        body.put("notes", notes("payrail_payment_id", r.paymentId(), "payrail_attempt_id", r.idempotencyKey()));
        RazorpayCall.Kind kind = upi ? RazorpayCall.Kind.CREATE_UPI_PAYMENT : RazorpayCall.Kind.CREATE_CARD_PAYMENT;
        return guarded(RazorpayCall.createPayment(kind, auth, write(body))).map(res -> {
            JsonNode answer = json(res);
            if (!res.ok()) {
                String paymentId = RazorpayMapping.text(answer.path("error").path("metadata"), "payment_id");
                if (paymentId != null) {
                    JsonNode error = answer.path("error");
                    return ConnectorResult.declined(paymentId, "payment_failed",
                            Optional.ofNullable(RazorpayMapping.text(error, "reason")).orElse("payment_failed"),
                            RazorpayMapping.description(answer));
                }
                return rejected(answer, res.status(), "the payment");
            }
            String paymentId = RazorpayMapping.text(answer, "razorpay_payment_id");
            if (upi) {
                return RazorpayMapping.upiCollect(paymentId, r.vpa());
            }
            for (JsonNode next : answer.path("next")) {
                if ("redirect".equals(RazorpayMapping.text(next, "action"))) {
                    return ConnectorResult.requiresAction(paymentId, RazorpayMapping.text(next, "url"));
                }
            }
            return ConnectorResult.pending(paymentId, null);
        });
    }

    /** Captures the whole authorized amount (Razorpay's capture must equal it). */
    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", r.amount());
        body.put("currency", r.currency().toUpperCase(Locale.ROOT));
        return withAuth(r.merchantId(), auth -> guarded(RazorpayCall.capture(auth, r.providerReference(), write(body)))
                .map(res -> {
                    JsonNode answer = json(res);
                    if (!res.ok()) {
                        return RazorpayMapping.refused(answer, r.providerReference(), res.status());
                    }
                    return "captured".equals(RazorpayMapping.text(answer, "status"))
                            ? ConnectorResult.succeeded(r.providerReference())
                            : ConnectorResult.unknown(r.providerReference(),
                                    "Razorpay answered the capture with status " + RazorpayMapping.text(answer, "status") + ".");
                }));
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void r) {
        return Uni.createFrom().item(ConnectorResult.declined(r.providerReference(), "operation_not_supported", null,
                "Razorpay offers no void: an uncaptured authorization is released by Razorpay."));
    }

    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", r.amount());
        body.put("speed", "normal");
        body.put("notes", notes("payrail_refund_id", r.refundId(), "payrail_payment_id", r.paymentId()));
        return withAuth(r.merchantId(), auth -> guarded(RazorpayCall.refund(auth, r.providerReference(),
                refundKey(r.idempotencyKey()), write(body))).map(res -> {
                    JsonNode answer = json(res);
                    return res.ok() ? RazorpayMapping.refund(answer) : RazorpayMapping.refused(answer, null, res.status());
                }));
    }

    /**
     * By the payment id when we have it; otherwise by the attempt's receipt: the order, then every
     * payment on it (the list holds failed attempts too: a successful one wins). No order, or an
     * order without payments, is {@link ConnectorResult#noRecord}: nothing was charged.
     */
    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status r) {
        if (r.providerReference() != null) {
            return withAuth(r.merchantId(), auth -> guarded(RazorpayCall.read(RazorpayCall.Kind.PAYMENT, auth,
                    r.providerReference())).map(res -> {
                        if (res.ok()) {
                            return RazorpayMapping.payment(json(res));
                        }
                        return res.status() == 404 || res.status() == 400
                                ? ConnectorResult.noRecord("Razorpay has no payment " + r.providerReference() + ".")
                                : ConnectorResult.unknown(r.providerReference(), "Razorpay answered " + res.status() + ".");
                    }));
        }
        if (r.idempotencyKey() == null) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "Nothing to look the payment up by."));
        }
        String receipt = receipt(r.idempotencyKey());
        return withAuth(r.merchantId(), auth -> guarded(RazorpayCall.read(RazorpayCall.Kind.ORDERS_BY_RECEIPT, auth, receipt))
                .chain(res -> {
                    if (!res.ok()) {
                        return Uni.createFrom().item(ConnectorResult.unknown(null, "Razorpay answered " + res.status() + " to the order search."));
                    }
                    JsonNode items = json(res).path("items");
                    if (items.isEmpty()) {
                        return Uni.createFrom().item(ConnectorResult.noRecord("Razorpay has no order with receipt " + receipt + "."));
                    }
                    String orderId = RazorpayMapping.text(items.get(0), "id");
                    return guarded(RazorpayCall.read(RazorpayCall.Kind.ORDER_PAYMENTS, auth, orderId)).map(this::bestPayment);
                }));
    }

    /** Among an order's payments the one that took money, else one still under way, else a failed one. */
    private ConnectorResult bestPayment(RazorpayResponse res) {
        if (!res.ok()) {
            return ConnectorResult.unknown(null, "Razorpay answered " + res.status() + " to the order's payments.");
        }
        ConnectorResult best = null;
        for (JsonNode payment : json(res).path("items")) {
            ConnectorResult candidate = RazorpayMapping.payment(payment);
            if (best == null || rank(candidate) > rank(best)) {
                best = candidate;
            }
        }
        return best != null ? best : ConnectorResult.noRecord("Razorpay's order has no payment.");
    }

    private static int rank(ConnectorResult r) {
        return r.is(Outcome.SUCCEEDED) ? 2 : r.is(Outcome.DECLINED) ? 0 : 1;
    }

    /**
     * By the refund id when its answer reached us; otherwise among the payment's refunds the one
     * whose {@code notes.payrail_refund_id} is ours. Never re-POSTs.
     */
    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus r) {
        if (r.refundProviderReference() != null) {
            return withAuth(r.merchantId(), auth -> guarded(RazorpayCall.read(RazorpayCall.Kind.FETCH_REFUND, auth,
                    r.refundProviderReference())).map(res -> {
                        if (res.ok()) {
                            return RazorpayMapping.refund(json(res));
                        }
                        return res.status() == 404 || res.status() == 400
                                ? ConnectorResult.noRecord("Razorpay has no refund " + r.refundProviderReference() + ".")
                                : ConnectorResult.unknown(r.refundProviderReference(), "Razorpay answered " + res.status() + ".");
                    }));
        }
        if (r.paymentProviderReference() == null) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "Nothing to look the refund up by."));
        }
        return withAuth(r.merchantId(), auth -> guarded(RazorpayCall.read(RazorpayCall.Kind.PAYMENT_REFUNDS, auth,
                r.paymentProviderReference())).map(res -> {
                    if (!res.ok()) {
                        return ConnectorResult.unknown(null, "Razorpay answered " + res.status() + " to the refund list.");
                    }
                    for (JsonNode refund : json(res).path("items")) {
                        if (r.refundId().equals(RazorpayMapping.text(refund.path("notes"), "payrail_refund_id"))) {
                            return RazorpayMapping.refund(refund);
                        }
                    }
                    return ConnectorResult.noRecord("Razorpay has no refund for " + r.refundId() + ".");
                }));
    }

    // ---- the guarded call -------------------------------------------------------------------

    /**
     * {@link #send} as the operations use it: when a try may have reached Razorpay and a retry was
     * then refused before sending (circuit open, bulkhead full, no connection), the outcome is
     * unknown — never "not sent", which would let the payment fail over or the refund fail.
     */
    private Uni<RazorpayResponse> guarded(RazorpayCall call) {
        return send(call).onFailure().transform(t -> call.reach().outcome(t, "Razorpay"));
    }

    /**
     * One HTTP call to Razorpay under the connector's fault tolerance. Fails only when Razorpay gave
     * no usable answer (no connection, {@code 409}, {@code 429}, {@code 5xx}); those are resent only
     * when the call is {@link RazorpayCall#repeatable()} or never left. Everything else is an answer.
     */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @CircuitBreakerName(NAME)
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderCallException.Retryable.class)
    Uni<RazorpayResponse> send(RazorpayCall call) {
        String a = call.auth();
        Uni<Response> http = switch (call.kind()) {
            case CREATE_ORDER -> api.createOrder(a, call.body());
            case ORDERS_BY_RECEIPT -> api.ordersByReceipt(a, call.objectId());
            case ORDER_PAYMENTS -> api.orderPayments(a, call.objectId());
            case CREATE_CARD_PAYMENT -> api.createCardPayment(a, call.body());
            case CREATE_UPI_PAYMENT -> api.createUpiPayment(a, call.body());
            case PAYMENT -> api.payment(a, call.objectId());
            case CAPTURE -> api.capture(a, call.objectId(), call.body());
            case REFUND -> api.refund(a, call.idempotencyKey(), call.objectId(), call.body());
            case PAYMENT_REFUNDS -> api.paymentRefunds(a, call.objectId());
            case FETCH_REFUND -> api.refund(a, call.objectId());
        };
        return http.onFailure().transform(t -> ConnectorFailures.transport(t, "Razorpay", call.repeatable()))
                .map(res -> checked(res, call.repeatable()))
                .onFailure().transform(call.reach()::observe);
    }

    /** A lost connection is resent only for a call Razorpay de-duplicates. */
    static RazorpayResponse checked(Response r, boolean repeatable) {
        int status = r.getStatus();
        String body = r.hasEntity() ? r.readEntity(String.class) : "";
        if (status < 500 && status != 409 && status != 429) {
            return new RazorpayResponse(status, body);
        }
        boolean refused = status == 503 || status == 429;
        String message = "Razorpay answered " + status + ".";
        if (repeatable || refused) {
            throw new ProviderCallException.Retryable(message, refused, status);
        }
        throw new ProviderCallException(message, false, status);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The order receipt of an attempt: its id when it fits Razorpay's 40 characters, else a digest of it. */
    static String receipt(String attemptId) {
        return attemptId.length() <= RECEIPT_MAX ? attemptId : "pr_" + sha256(attemptId).substring(0, RECEIPT_MAX - 3);
    }

    /** The {@code X-Refund-Idempotency} of a refund attempt: at least 10 of {@code [A-Za-z0-9_-]}. */
    static String refundKey(String attemptId) {
        return REFUND_KEY.matcher(attemptId).matches() ? attemptId : "pr_" + sha256(attemptId).substring(0, 40);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> notes(String k1, String v1, String k2, String v2) {
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put(k1, v1);
        notes.put(k2, v2);
        return notes;
    }

    /** The merchant's key pair, or the configured sandbox account when the merchant stored none. */
    private Uni<ConnectorResult> withAuth(String merchantId, Function<String, Uni<ConnectorResult>> call) {
        return accounts.credentials(merchantId, NAME).chain(c -> {
            String id = c.getOrDefault("key_id", config.keyId().orElse(null));
            String secret = c.getOrDefault("key_secret", config.keySecret().orElse(null));
            if (id == null || secret == null) {
                return Uni.createFrom().item(notSent("No Razorpay credentials for this merchant."));
            }
            return call.apply(basic(id, secret));
        });
    }

    static String basic(String keyId, String keySecret) {
        return "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + keySecret).getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code 4xx} to an order or payment create that names no payment: nothing was charged. */
    private static ConnectorResult rejected(JsonNode body, int status, String what) {
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_rejected_request", null,
                "Razorpay rejected " + what + " (" + status + "): " + RazorpayMapping.description(body), null, null);
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

    private JsonNode json(RazorpayResponse res) {
        try {
            return mapper.readTree(res.body() == null || res.body().isEmpty() ? "{}" : res.body());
        } catch (IOException e) {
            // Razorpay also answers errors as a bare string.
            return mapper.getNodeFactory().textNode(res.body());
        }
    }

    // ---- inbound webhooks -------------------------------------------------------------------

    /**
     * Verifies {@code X-Razorpay-Signature} over the raw body with the secret of the account the
     * webhook was addressed to (the merchant's {@code webhook_secret} for
     * {@code /webhooks/razorpay/{merchantId}}, {@code payrail.razorpay.webhook-secret} for
     * {@code /webhooks/razorpay}). Razorpay signs no timestamp: replays are caught by the
     * {@code x-razorpay-event-id} de-duplication, which is therefore required.
     */
    @Override
    public Uni<ProviderEvent> verifyWebhook(InboundWebhook webhook) {
        Uni<String> secret = webhook.platform() ? Uni.createFrom().item(config.webhookSecret().orElse(null))
                : accounts.credentials(webhook.merchantId(), NAME).onFailure().recoverWithItem(Map.of())
                        .map(c -> c.get("webhook_secret"));
        return secret.map(s -> {
            if (s == null || s.isBlank()) {
                throw new WebhookRejectedException(webhook.platform() ? "no Razorpay webhook secret is configured"
                        : "the merchant stored no Razorpay webhook secret");
            }
            if (!RazorpaySignature.matches(webhook.header("X-Razorpay-Signature"), webhook.body(), s)) {
                throw new WebhookRejectedException("Razorpay webhook rejected: the signature does not match");
            }
            String eventId = webhook.header("x-razorpay-event-id");
            if (eventId == null || eventId.isBlank()) {
                throw new WebhookRejectedException("Razorpay webhook rejected: no x-razorpay-event-id");
            }
            try {
                return RazorpayEvents.translate(eventId, mapper.readTree(webhook.body()));
            } catch (IOException e) {
                throw new WebhookRejectedException("Razorpay webhook body is not JSON");
            }
        });
    }
}
