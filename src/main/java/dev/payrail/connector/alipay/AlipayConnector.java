package dev.payrail.connector.alipay;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

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

import dev.payrail.common.PublicBaseUrl;
import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.CallReach;
import dev.payrail.connector.ConnectorFailures;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.NextActions;
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
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Alipay's open platform ({@code gateway.do}, RSA2). A payment is a sale of the {@code alipay}
 * wallet in CNY, in one of two flows: {@code qr} (the default: {@code alipay.trade.precreate}, the
 * payer scans {@code qr_code} in the Alipay app) or {@code redirect} ({@code alipay.trade.page.pay}:
 * the payer opens Alipay's cashier page, a GET of the gateway with the signed parameters, and comes
 * back to Payrail's return page). Both end {@code requires_action}; Alipay's signed notify or the
 * reconciler's {@code alipay.trade.query} settles the payment. {@code out_trade_no} is Payrail's
 * payment id, so a lost answer is found again; the trade expires with the payer window
 * ({@code time_expire}), after which {@code alipay.trade.close} (the void) ends it.
 *
 * <p>Every request is signed with the app's private key; every answer's signature (over the raw text
 * of its response object) is checked with the Alipay public key before anything is believed. RSA
 * work runs on worker threads; keys are parsed once per key text.
 */
@Singleton
public class AlipayConnector implements PaymentConnector {

    public static final String NAME = "alipay";
    public static final String WALLET = "alipay";
    /** Payrail's page Alipay sends a page-pay payer back to: {@code /alipay/return/{paymentId}}. */
    public static final String RETURN_PATH = "/alipay/return/";
    static final String PRECREATE = "alipay.trade.precreate";
    static final String PAGE_PAY = "alipay.trade.page.pay";
    static final String QUERY = "alipay.trade.query";
    static final String CLOSE = "alipay.trade.close";
    static final String REFUND = "alipay.trade.refund";
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private final AlipayConfig config;
    private final ProviderAccounts accounts;
    private final ObjectMapper mapper;
    private final AlipayApi api;

    AlipayConnector(AlipayConfig config, ProviderAccounts accounts, ObjectMapper mapper, @RestClient AlipayApi api) {
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
        return Set.of(PaymentMethodType.WALLET);
    }

    /** A sale: no separate capture. The void is {@code alipay.trade.close} of a trade not paid yet. */
    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.AUTHORIZE, Operation.VOID, Operation.REFUND, Operation.PARTIAL_REFUND,
                Operation.PAYMENT_STATUS, Operation.REFUND_STATUS);
    }

    @Override
    public AmountUnits units() {
        return AlipayMapping.UNITS;
    }

    @Override
    public boolean supports(PaymentMethodType method, String currency, long amount) {
        return method == PaymentMethodType.WALLET && AlipayMapping.CNY.equalsIgnoreCase(currency)
                && units().supports(AlipayMapping.CNY, amount) && amount >= config.minAmount()
                && amount <= config.maxAmount();
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** {@code quarkus.rest-client.alipay.url}: the gateway is {@code <url>/gateway.do}. */
    @Override
    public Optional<String> configuredBaseUrl() {
        return PaymentConnector.restClientUrl("alipay");
    }

    /**
     * Why Alipay cannot take a payment of this shape, or {@code null}: another wallet. Both flows
     * ({@code qr}, {@code redirect}) are offered; manual capture never comes here (an Alipay trade is a
     * sale: no CAPTURE is offered).
     */
    @Override
    public String refusal(PaymentMethodType method, String wallet, String walletFlow) {
        if (method == PaymentMethodType.WALLET && !WALLET.equals(wallet)) {
            return "Alipay takes the alipay wallet only.";
        }
        return null;
    }

    @Override
    public boolean hasPlatformAccount() {
        return AlipayAccount.platform(config) != null;
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of(AlipayAccount.APP_ID, AlipayAccount.PRIVATE_KEY, AlipayAccount.ALIPAY_PUBLIC_KEY);
    }

    @Override
    public Set<String> optionalCredentials() {
        return Set.of(AlipayAccount.SELLER_ID);
    }

    @Override
    public Optional<Duration> payerWindow() {
        return Optional.of(config.payerWindow());
    }

    /** Alipay resends a notify until it reads the plain text {@code success}. */
    @Override
    public Optional<String> webhookAcknowledgement() {
        return Optional.of("success");
    }

    // ---- operations -------------------------------------------------------------------------

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize r) {
        if (r.method() != PaymentMethodType.WALLET) {
            return Uni.createFrom().item(notSent("Alipay takes the alipay wallet only."));
        }
        String refused = refusal(r.method(), r.wallet(), r.walletFlow());
        refused = refused != null ? refused : r.saleOnlyRefusal("Alipay");
        if (refused != null) {
            return Uni.createFrom().item(notSent(refused));
        }
        String flow = r.walletFlow() == null ? "qr" : r.walletFlow();
        if (!AlipayMapping.CNY.equalsIgnoreCase(r.currency()) || !units().supports(AlipayMapping.CNY, r.amount())) {
            return Uni.createFrom().item(notSent("Alipay takes CNY amounts in whole fen only."));
        }
        String outTradeNo = r.paymentId();
        return withAccount(r.merchantId(), account -> {
            Instant expires = Instant.now().plus(config.payerWindow()).truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> biz = new LinkedHashMap<>();
            biz.put("out_trade_no", outTradeNo);
            biz.put("total_amount", units().toProvider(AlipayMapping.CNY, r.amount()));
            biz.put("subject", config.subject());
            biz.put("product_code", "redirect".equals(flow) ? "FAST_INSTANT_TRADE_PAY" : "FACE_TO_FACE_PAYMENT");
            biz.put("time_expire", AlipayTime.format(expires));
            if ("redirect".equals(flow)) {
                String ourReturn = returnUrl(r.paymentId());
                Map<String, String> params = common(account, PAGE_PAY, biz);
                params.put("return_url", ourReturn);
                return signed(account, params).map(signedParams -> new ConnectorResult(Outcome.REQUIRES_ACTION,
                        outTradeNo, null, null, null, null,
                        NextActions.redirectToUrl(gatewayUrl() + "?" + form(signedParams), ourReturn)));
            }
            return call(account, PRECREATE, biz, true).map(reply -> AlipayMapping.precreate(reply, outTradeNo, expires));
        });
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture r) {
        return Uni.createFrom().item(ConnectorResult.declined(r.providerReference(), "operation_not_supported", null,
                "Alipay trades are sales: there is nothing to capture."));
    }

    /** {@code alipay.trade.close}: the payer can no longer pay the trade. */
    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void r) {
        String outTradeNo = r.providerReference() != null ? r.providerReference() : r.paymentId();
        Map<String, Object> biz = Map.of("out_trade_no", outTradeNo);
        return withAccount(r.merchantId(),
                account -> call(account, CLOSE, biz, true).map(reply -> AlipayMapping.close(reply, outTradeNo)));
    }

    /** {@code alipay.trade.refund}; {@code out_request_no} is Payrail's refund id (Alipay's idempotency key). */
    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund r) {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", r.providerReference() != null ? r.providerReference() : r.paymentId());
        biz.put("refund_amount", units().toProvider(AlipayMapping.CNY, r.amount()));
        biz.put("out_request_no", r.refundId());
        if (r.reason() != null && !r.reason().isBlank()) {
            biz.put("refund_reason", r.reason());
        }
        return withAccount(r.merchantId(),
                account -> call(account, REFUND, biz, true).map(reply -> AlipayMapping.refund(reply, r.refundId())));
    }

    /** {@code alipay.trade.query} by {@code out_trade_no}: Payrail's payment id, known even when the answer was lost. */
    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status r) {
        String outTradeNo = r.providerReference() != null ? r.providerReference() : r.paymentId();
        Map<String, Object> biz = Map.of("out_trade_no", outTradeNo);
        return withAccount(r.merchantId(),
                account -> call(account, QUERY, biz, true).map(reply -> AlipayMapping.query(reply, outTradeNo)));
    }

    /** {@code alipay.trade.fastpay.refund.query} by {@code out_trade_no} and {@code out_request_no}. */
    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus r) {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", r.paymentProviderReference() != null ? r.paymentProviderReference() : r.paymentId());
        biz.put("out_request_no", r.refundId());
        return withAccount(r.merchantId(), account -> call(account, REFUND_QUERY, biz, true)
                .map(reply -> AlipayMapping.refundQuery(reply, r.refundId())));
    }

    // ---- requests ---------------------------------------------------------------------------

    /** The common parameters of a {@code gateway.do} request, sorted, without {@code sign}. */
    private Map<String, String> common(AlipayAccount account, String method, Map<String, Object> biz) {
        Map<String, String> params = new TreeMap<>();
        params.put("app_id", account.appId());
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", AlipayTime.format(Instant.now()));
        params.put("version", "1.0");
        params.put("notify_url", notifyUrl(account));
        params.put("biz_content", write(biz));
        return params;
    }

    /** The parameters with their {@code sign}, computed on a worker thread. */
    private Uni<Map<String, String>> signed(AlipayAccount account, Map<String, String> params) {
        return Uni.createFrom().item(() -> {
            params.put("sign", AlipayRsa2.signRequest(params, AlipayKeys.privateKey(account.privateKey())));
            return params;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).onFailure(AlipayKeys.InvalidKey.class)
                .transform(e -> new ProviderCallException("The Alipay app's private key cannot sign: " + e.getMessage()
                        + "; nothing was sent.", true, 0));
    }

    private Uni<AlipayReply> call(AlipayAccount account, String method, Map<String, Object> biz, boolean repeatable) {
        return signed(account, common(account, method, biz))
                .chain(params -> guarded(new AlipayCall(method, params, account, repeatable, new CallReach())));
    }

    /**
     * {@link #send} as the operations use it: once a try may have reached Alipay, a retry refused
     * before sending does not make the call "not sent".
     */
    private Uni<AlipayReply> guarded(AlipayCall call) {
        return send(call).onFailure().transform(t -> call.reach().outcome(t, "Alipay"));
    }

    /**
     * One call to Alipay's gateway under the connector's fault tolerance, its answer verified on a
     * worker thread. Fails when Alipay gave no usable answer: no connection, a {@code 5xx}, a body
     * without a verifiable signature, or Alipay's own "try again" ({@code 20000},
     * {@code ACQ.SYSTEM_ERROR}) — resent only when the call is repeatable or never left.
     */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @CircuitBreakerName(NAME)
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderCallException.Retryable.class)
    Uni<AlipayReply> send(AlipayCall call) {
        return api.call(form(call.params()))
                .onFailure().transform(t -> ConnectorFailures.transport(t, "Alipay", call.repeatable()))
                .map(res -> checked(res, call.repeatable()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(res -> verified(call, res))
                .onFailure().transform(call.reach()::observe);
    }

    static AlipayResponse checked(Response r, boolean repeatable) {
        int status = r.getStatus();
        String body = r.hasEntity() ? new String(r.readEntity(byte[].class), StandardCharsets.UTF_8) : "";
        if (status < 500 && status != 429) {
            return new AlipayResponse(status, body);
        }
        String message = "Alipay answered HTTP " + status + ".";
        if (repeatable || status == 503 || status == 429) {
            throw new ProviderCallException.Retryable(message, status == 503 || status == 429, status);
        }
        throw new ProviderCallException(message, false, status);
    }

    /** The response object whose signature verifies with the account's Alipay public key. */
    private AlipayReply verified(AlipayCall call, AlipayResponse res) {
        JsonNode root;
        try {
            root = mapper.readTree(res.body());
        } catch (IOException e) {
            throw new ProviderCallException("Alipay's answer to " + call.method() + " is not JSON.", false, res.status());
        }
        JsonNode node = root == null ? null : root.get(AlipayRsa2.responseKey(call.method()));
        if (node == null || !node.isObject()) {
            node = root == null ? null : root.get("error_response");
        }
        String source = AlipayRsa2.responseSource(res.body(), call.method());
        if (node == null || !node.isObject() || source == null) {
            throw new ProviderCallException("Alipay's answer to " + call.method() + " holds no response object.", false,
                    res.status());
        }
        String sign = root.path("sign").isTextual() ? root.get("sign").asText() : null;
        if (!AlipayRsa2.verifyResponse(source, sign, AlipayKeys.publicKey(call.account().alipayPublicKey()))) {
            throw new ProviderCallException("Alipay's answer to " + call.method()
                    + " is not signed with the account's Alipay public key: not believed.", false, res.status());
        }
        AlipayReply reply = new AlipayReply(call.method(), node);
        if (AlipayMapping.transient_(reply)) {
            String message = "Alipay answered " + reply.describe() + " to " + call.method() + ".";
            throw call.repeatable() ? new ProviderCallException.Retryable(message, false, res.status())
                    : new ProviderCallException(message, false, res.status());
        }
        return reply;
    }

    // ---- accounts and URLs ------------------------------------------------------------------

    /** The merchant's own Alipay app, or the configured platform app when the merchant stored none. */
    private Uni<ConnectorResult> withAccount(String merchantId, Function<AlipayAccount, Uni<ConnectorResult>> call) {
        return accounts.credentials(merchantId, NAME).chain(c -> {
            AlipayAccount account = AlipayAccount.ofMerchant(merchantId, c);
            if (account == null) {
                account = AlipayAccount.platform(config);
            }
            if (account == null) {
                return Uni.createFrom().item(notSent("No Alipay app for this merchant."));
            }
            return call.apply(account);
        });
    }

    /** Where Alipay posts the account's notifies: the merchant's own endpoint for its own app. */
    String notifyUrl(AlipayAccount account) {
        return publicBaseUrl() + "/webhooks/alipay" + (account.merchantId() == null ? "" : "/" + account.merchantId());
    }

    String returnUrl(String paymentId) {
        return publicBaseUrl() + RETURN_PATH + paymentId;
    }

    /** Alipay's gateway, for the page-pay redirect: {@code <quarkus.rest-client.alipay.url>/gateway.do}. */
    String gatewayUrl() {
        String base = configuredBaseUrl().orElseGet(() -> PublicBaseUrl.local() + "/sandbox/alipay");
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/gateway.do";
    }

    private String publicBaseUrl() {
        return PublicBaseUrl.or(config.publicBaseUrl());
    }

    static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private String write(Map<String, Object> biz) {
        try {
            return mapper.writeValueAsString(biz);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConnectorResult notSent(String message) {
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_unavailable", null, message, null, null);
    }

    // ---- inbound notifies -------------------------------------------------------------------

    /**
     * Verifies an asynchronous notify with the account it was addressed to: the merchant's own app
     * for {@code /webhooks/alipay/{merchantId}}, the platform's for {@code /webhooks/alipay}. RSA on a
     * worker thread.
     */
    @Override
    public Uni<ProviderEvent> verifyWebhook(InboundWebhook webhook) {
        Uni<AlipayAccount> account = webhook.platform() ? Uni.createFrom().item(() -> AlipayAccount.platform(config))
                : accounts.credentials(webhook.merchantId(), NAME).onFailure().recoverWithItem(Map.of())
                        .map(c -> AlipayAccount.ofMerchant(webhook.merchantId(), c));
        Instant now = webhook.receivedAt() == null ? Instant.now() : webhook.receivedAt();
        return account.emitOn(Infrastructure.getDefaultWorkerPool()).map(a -> {
            if (a == null) {
                throw new WebhookRejectedException(webhook.platform() ? "no Alipay app is configured"
                        : "the merchant stored no Alipay app");
            }
            try {
                return AlipayNotify.verify(AlipayNotify.form(webhook.body()), a, now, config.notifyTolerance());
            } catch (AlipayKeys.InvalidKey e) {
                throw new WebhookRejectedException("Alipay notify rejected: the account's Alipay public key is unusable");
            }
        });
    }

    /**
     * Whether the parameters Alipay appended to the page-pay return URL carry a valid signature of
     * the payment's account (the return page changes nothing; it only says so). On a worker thread.
     */
    public Uni<Boolean> verifyReturn(String merchantId, Map<String, String> params) {
        return accounts.credentials(merchantId, NAME).onFailure().recoverWithItem(Map.of())
                .map(c -> Optional.ofNullable(AlipayAccount.ofMerchant(merchantId, c))
                        .orElseGet(() -> AlipayAccount.platform(config)))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(a -> {
                    try {
                        return a != null && "RSA2".equals(params.get("sign_type"))
                                && AlipayRsa2.verifyNotify(params, AlipayKeys.publicKey(a.alipayPublicKey()))
                                && a.appId().equals(params.get("app_id"));
                    } catch (AlipayKeys.InvalidKey e) {
                        return false;
                    }
                });
    }
}
