package dev.payrail.connector.wechatpay;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

import dev.payrail.common.PublicBaseUrl;
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
import dev.payrail.connector.ConnectorFailures;
import dev.payrail.connector.wechatpay.WechatPayCall.Kind;
import dev.payrail.provider.ProviderAccounts;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * WeChat Pay API v3 for a direct merchant: Native (a QR {@code code_url}, flow {@code qr}, the
 * default) and H5 (an {@code h5_url} page, flow {@code redirect}) orders in CNY fen. The order's
 * {@code out_trade_no} is derived from the attempt id, so a status query finds it by Payrail's own
 * reference and is the payment's provider reference; {@code time_expire} is now plus the payer window.
 * WeChat Pay is a sale: no separate capture. A void closes the order (the payer window's end); a
 * close WeChat refuses because the order was paid ({@code ORDERPAID}) is declined, so the payment is
 * not failed. Refunds carry our refund id as {@code out_refund_no}.
 *
 * <p>Every request is signed with the merchant's API key ({@code WECHATPAY2-SHA256-RSA2048}); every
 * successful answer and every notification must carry WeChat Pay's signature by the platform key
 * named by {@code Wechatpay-Serial}, within {@code payrail.wechatpay.signature-tolerance}. RSA and key
 * parsing run on worker threads; keys are parsed once per set of credentials.
 */
@Singleton
public class WechatPayConnector implements PaymentConnector {

    public static final String NAME = "wechat_pay";
    public static final String WALLET = "wechat_pay";
    static final String CURRENCY = "CNY";
    private static final Pattern OUT_NO = Pattern.compile("[A-Za-z0-9_-]{6,32}");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final WechatPayConfig config;
    private final ProviderAccounts accounts;
    private final ObjectMapper mapper;
    private final WechatPayApi api;
    private volatile String basePath;

    WechatPayConnector(WechatPayConfig config, ProviderAccounts accounts, ObjectMapper mapper, @RestClient WechatPayApi api) {
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

    /** A sale: no (partial) capture. Void is closing the unpaid order. */
    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.AUTHORIZE, Operation.VOID, Operation.REFUND, Operation.PARTIAL_REFUND,
                Operation.PAYMENT_STATUS, Operation.REFUND_STATUS);
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** {@code quarkus.rest-client.wechatpay.url}, the base URL of {@link WechatPayApi}. */
    @Override
    public Optional<String> configuredBaseUrl() {
        return PaymentConnector.restClientUrl("wechatpay");
    }

    /** CNY wallet payments within the configured amounts (the wallet itself is checked on authorize). */
    @Override
    public boolean supports(PaymentMethodType method, String currency, long amount) {
        return methods().contains(method) && CURRENCY.equalsIgnoreCase(currency) && units().supports(currency, amount)
                && amount >= config.minAmount() && amount <= config.maxAmount();
    }

    @Override
    public boolean hasPlatformAccount() {
        return WechatPayAccount.FIELDS.stream().allMatch(f -> platformCredentials().containsKey(f));
    }

    @Override
    public Set<String> requiredCredentials() {
        return WechatPayAccount.FIELDS;
    }

    @Override
    public Optional<Duration> payerWindow() {
        return Optional.of(config.payerWindow());
    }

    // ---- operations -------------------------------------------------------------------------

    /** The wechat_pay wallet only; both flows (Native QR, H5). Manual capture never comes here (a sale). */
    @Override
    public String refusal(PaymentMethodType method, String wallet, String walletFlow) {
        return method == PaymentMethodType.WALLET && !WALLET.equals(wallet)
                ? "WeChat Pay takes wechat_pay wallet payments only." : null;
    }

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize r) {
        String refused = r.method() != PaymentMethodType.WALLET ? "WeChat Pay takes wechat_pay wallet payments only."
                : refusal(r.method(), r.wallet(), r.walletFlow());
        refused = refused != null ? refused : r.saleOnlyRefusal("WeChat Pay");
        if (refused != null) {
            return Uni.createFrom().item(notSent(refused));
        }
        if (!CURRENCY.equalsIgnoreCase(r.currency())) {
            return Uni.createFrom().item(notSent("WeChat Pay charges CNY only."));
        }
        boolean h5 = "redirect".equals(r.walletFlow());
        String outTradeNo = outNo(r.idempotencyKey());
        Instant expires = Instant.now().plus(config.payerWindow()).truncatedTo(ChronoUnit.SECONDS);
        return withAccount(r.merchantId(), (account, own) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("appid", account.appid());
            body.put("mchid", account.mchid());
            body.put("description", config.description());
            body.put("out_trade_no", outTradeNo);
            body.put("time_expire", RFC3339.format(expires.atOffset(CHINA)));
            body.put("notify_url", notifyUrl(own ? r.merchantId() : null));
            body.put("amount", Map.of("total", r.amount(), "currency", CURRENCY));
            if (h5) {
                body.put("scene_info", Map.of("payer_client_ip", config.payerClientIp(), "h5_info", Map.of("type", "Wap")));
            }
            return guarded(WechatPayCall.of(h5 ? Kind.H5 : Kind.NATIVE, account, outTradeNo, write(body))).map(res -> {
                if (res.ok()) {
                    JsonNode answer = json(res);
                    String url = WechatPayMapping.text(answer, h5 ? "h5_url" : "code_url");
                    if (url == null) {
                        return ConnectorResult.unknown(outTradeNo, "WeChat Pay answered the order without "
                                + (h5 ? "h5_url" : "code_url") + ".");
                    }
                    Map<String, Object> action = h5 ? NextActions.redirectToUrl(h5Url(url, r.returnUrl()), r.returnUrl())
                            : NextActions.displayQrCode(url, expires);
                    return new ConnectorResult(Outcome.REQUIRES_ACTION, outTradeNo, null, null, null, null, action);
                }
                if (res.is("ORDERPAID", "ORDER_PAID", "OUT_TRADE_NO_USED") || res.is("INVALID_REQUEST")
                        && res.message() != null && res.message().contains("201")) {
                    // This attempt's order exists (sent before, with another time_expire) or was paid:
                    // the status query tells what became of it.
                    return ConnectorResult.unknown(outTradeNo, "WeChat Pay already has order " + outTradeNo + ": "
                            + res.code() + ".");
                }
                return rejected(res, "the order");
            });
        });
    }

    /** H5: WeChat sends the payer to {@code redirect_url} (URL-encoded, appended to the h5_url) when done. */
    static String h5Url(String h5Url, String returnUrl) {
        if (returnUrl == null) {
            return h5Url;
        }
        return h5Url + (h5Url.contains("?") ? "&" : "?") + "redirect_url="
                + URLEncoder.encode(returnUrl, StandardCharsets.UTF_8);
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture r) {
        return Uni.createFrom().item(ConnectorResult.declined(r.providerReference(), "operation_not_supported", null,
                "WeChat Pay payments are sales: there is nothing to capture."));
    }

    /**
     * Closes the order ({@code 204}); an order already closed counts as closed, one WeChat Pay does not
     * know is {@link ConnectorResult#noRecord}, one already paid ({@code ORDERPAID}) is declined.
     */
    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void r) {
        if (r.providerReference() == null) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "No WeChat Pay order to close."));
        }
        String outTradeNo = r.providerReference();
        return withAccount(r.merchantId(), (account, own) -> guarded(WechatPayCall.of(Kind.CLOSE, account, outTradeNo,
                write(Map.of("mchid", account.mchid())))).map(res -> {
                    if (res.ok() || res.is("ORDER_CLOSED")) {
                        return ConnectorResult.succeeded(outTradeNo);
                    }
                    if (res.status() == 404 || res.is("ORDER_NOT_EXIST", "ORDERNOTEXIST")) {
                        return ConnectorResult.noRecord("WeChat Pay has no order " + outTradeNo + ".");
                    }
                    if (res.is("ORDERPAID", "ORDER_PAID", "TRADE_ERROR")) {
                        return ConnectorResult.declined(outTradeNo, "order_paid", null,
                                "WeChat Pay refused to close order " + outTradeNo + ": " + res.code() + ".");
                    }
                    return ConnectorResult.unknown(outTradeNo, "WeChat Pay answered " + res.status() + " " + res.code()
                            + " to the close.");
                }));
    }

    /**
     * A refund of the paid order for the amount, with our refund id as {@code out_refund_no}. WeChat
     * Pay wants the order's total too: it is read from the order first.
     */
    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund r) {
        String outTradeNo = r.providerReference();
        String outRefundNo = outNo(r.refundId());
        return withAccount(r.merchantId(), (account, own) -> guarded(WechatPayCall.of(Kind.QUERY, account, outTradeNo, null))
                .chain(order -> {
                    if (!order.ok()) {
                        return Uni.createFrom().item(ConnectorResult.declined(null, "refund_failed", null,
                                "WeChat Pay answered " + order.status() + " " + order.code() + " about order " + outTradeNo + "."));
                    }
                    long total = json(order).path("amount").path("total").asLong(0);
                    Map<String, Object> amount = new LinkedHashMap<>();
                    amount.put("refund", r.amount());
                    amount.put("total", total);
                    amount.put("currency", CURRENCY);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("out_trade_no", outTradeNo);
                    body.put("out_refund_no", outRefundNo);
                    if (r.reason() != null && !r.reason().isBlank()) {
                        body.put("reason", r.reason().length() > 80 ? r.reason().substring(0, 80) : r.reason());
                    }
                    body.put("notify_url", notifyUrl(own ? r.merchantId() : null));
                    body.put("amount", amount);
                    return guarded(WechatPayCall.of(Kind.REFUND, account, outRefundNo, write(body))).map(res -> {
                        if (res.ok()) {
                            return WechatPayMapping.refund(json(res));
                        }
                        if (res.is("SYSTEM_ERROR", "SYSTEMERROR")) {
                            return ConnectorResult.unknown(null, "WeChat Pay answered " + res.code() + " to the refund.");
                        }
                        return ConnectorResult.declined(null, "refund_failed", res.code() == null ? null
                                : res.code().toLowerCase(Locale.ROOT), "WeChat Pay refused the refund: " + res.code()
                                        + (res.message() == null ? "" : " (" + res.message() + ")") + ".");
                    });
                }));
    }

    /** By the order's {@code out_trade_no}: the provider reference, or the one derived from the attempt. */
    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status r) {
        String outTradeNo = r.providerReference() != null ? r.providerReference()
                : r.idempotencyKey() != null ? outNo(r.idempotencyKey()) : null;
        if (outTradeNo == null) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "Nothing to look the payment up by."));
        }
        return withAccount(r.merchantId(), (account, own) -> guarded(WechatPayCall.of(Kind.QUERY, account, outTradeNo, null))
                .map(res -> {
                    if (res.ok()) {
                        return WechatPayMapping.transaction(json(res), outTradeNo);
                    }
                    if (res.status() == 404 || res.is("ORDER_NOT_EXIST", "ORDERNOTEXIST")) {
                        return ConnectorResult.noRecord("WeChat Pay has no order " + outTradeNo + ".");
                    }
                    return ConnectorResult.unknown(outTradeNo, "WeChat Pay answered " + res.status() + " " + res.code() + ".");
                }));
    }

    /** By {@code out_refund_no} (our refund id): never repeats the refund. */
    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus r) {
        String outRefundNo = outNo(r.refundId());
        return withAccount(r.merchantId(), (account, own) -> guarded(WechatPayCall.of(Kind.REFUND_QUERY, account,
                outRefundNo, null)).map(res -> {
                    if (res.ok()) {
                        return WechatPayMapping.refund(json(res));
                    }
                    if (res.status() == 404 || res.is("RESOURCE_NOT_EXISTS")) {
                        return ConnectorResult.noRecord("WeChat Pay has no refund " + outRefundNo + ".");
                    }
                    return ConnectorResult.unknown(null, "WeChat Pay answered " + res.status() + " " + res.code() + ".");
                }));
    }

    // ---- the guarded, signed call -----------------------------------------------------------

    /** {@link #send}: a failure after a try may have reached WeChat Pay is unknown, never "not sent". */
    private Uni<WechatPayResponse> guarded(WechatPayCall call) {
        return send(call).onFailure().transform(t -> call.reach().outcome(t, "WeChat Pay"));
    }

    /**
     * One signed HTTP call under the connector's fault tolerance. The signature is made on a worker
     * thread for each try; a successful answer's signature is verified there too (an answer that does
     * not verify is no answer: unknown). Fails only when WeChat Pay gave no usable answer (no
     * connection, {@code 429}, {@code 5xx}); every call is de-duplicated by WeChat Pay, so those are resent.
     */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @CircuitBreakerName(NAME)
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderCallException.Retryable.class)
    Uni<WechatPayResponse> send(WechatPayCall call) {
        Uni<String> auth = Uni.createFrom().item(() -> authorization(call))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return auth.chain(a -> http(call, a)
                .onFailure().transform(t -> ConnectorFailures.transport(t, "WeChat Pay", call.repeatable())))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(res -> checked(res, call))
                .onFailure().transform(call.reach()::observe);
    }

    private Uni<Response> http(WechatPayCall call, String a) {
        return switch (call.kind()) {
            case NATIVE -> api.nativePrepay(a, call.body());
            case H5 -> api.h5Prepay(a, call.body());
            case QUERY -> api.query(a, call.objectId(), call.account().mchid());
            case CLOSE -> api.close(a, call.objectId(), call.body());
            case REFUND -> api.refund(a, call.body());
            case REFUND_QUERY -> api.refundQuery(a, call.objectId());
        };
    }

    String authorization(WechatPayCall call) {
        WechatPayAccount a = call.account();
        return WechatPaySignature.authorization(a.mchid(), a.merchantSerialNo(), a.privateKey(), call.method(),
                basePath() + call.canonicalPath(), call.body() == null ? "" : call.body(), Instant.now().getEpochSecond(),
                WechatPaySignature.nonce());
    }

    /** The answer, its 2xx verified; {@code 429} and {@code 5xx} are failures (retryable: every call is de-duplicated). */
    WechatPayResponse checked(Response r, WechatPayCall call) {
        int status = r.getStatus();
        String body = r.hasEntity() ? r.readEntity(String.class) : "";
        if (status >= 500 || status == 429) {
            throw new ProviderCallException.Retryable("WeChat Pay answered " + status + ".", status == 429, status);
        }
        if (status >= 200 && status < 300) {
            String problem = verifyAnswer(call.account(), r.getHeaderString("Wechatpay-Timestamp"),
                    r.getHeaderString("Wechatpay-Nonce"), r.getHeaderString("Wechatpay-Signature"),
                    r.getHeaderString("Wechatpay-Serial"), body, Instant.now());
            if (problem != null) {
                throw new ProviderCallException("WeChat Pay's answer was rejected: " + problem + ".", false, status);
            }
            return new WechatPayResponse(status, body, null, null);
        }
        JsonNode error = parse(body);
        return new WechatPayResponse(status, body, WechatPayMapping.text(error, "code"), WechatPayMapping.text(error, "message"));
    }

    /**
     * Why a signed answer or notification is not WeChat Pay's, or {@code null} when it is: the serial
     * must name the account's platform key, the timestamp be within the tolerance, the signature verify.
     */
    String verifyAnswer(WechatPayAccount account, String timestamp, String nonce, String signature, String serial,
            String body, Instant now) {
        if (timestamp == null || nonce == null || signature == null || serial == null) {
            return "Wechatpay-Timestamp, -Nonce, -Signature and -Serial are required";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "Wechatpay-Timestamp is not a number";
        }
        if (Math.abs(now.getEpochSecond() - ts) > config.signatureTolerance().toSeconds()) {
            return "Wechatpay-Timestamp is outside " + config.signatureTolerance().toSeconds() + "s";
        }
        var key = account.platformKey(serial);
        if (key == null) {
            return "unknown Wechatpay-Serial " + serial;
        }
        if (!WechatPaySignature.verify(key, WechatPaySignature.responseMessage(timestamp, nonce, body), signature)) {
            return "the signature does not verify";
        }
        return null;
    }

    // ---- accounts and helpers ---------------------------------------------------------------

    private interface AccountCall {
        Uni<ConnectorResult> apply(WechatPayAccount account, boolean own);
    }

    /** The merchant's own account, or the configured (sandbox) one when the merchant stored none. */
    private Uni<ConnectorResult> withAccount(String merchantId, AccountCall call) {
        return accounts.credentials(merchantId, NAME).emitOn(Infrastructure.getDefaultWorkerPool()).chain(c -> {
            boolean own = c.containsKey(WechatPayAccount.MCHID);
            WechatPayAccount account;
            try {
                account = WechatPayAccount.of(own ? c : platformCredentials());
            } catch (WechatPayAccount.Unusable e) {
                return Uni.createFrom().item(notSent("No usable WeChat Pay credentials for this merchant (" + e.getMessage() + ")."));
            }
            return call.apply(account, own);
        });
    }

    /** The configured platform account as credentials (only the fields that are set). */
    Map<String, String> platformCredentials() {
        Map<String, String> c = new HashMap<>();
        put(c, WechatPayAccount.MCHID, config.mchid());
        put(c, WechatPayAccount.APPID, config.appid());
        put(c, WechatPayAccount.MERCHANT_SERIAL_NO, config.merchantSerialNo());
        put(c, WechatPayAccount.PRIVATE_KEY, config.privateKey());
        put(c, WechatPayAccount.API_V3_KEY, config.apiV3Key());
        put(c, WechatPayAccount.PLATFORM_PUBLIC_KEY, config.platformPublicKey());
        put(c, WechatPayAccount.PLATFORM_SERIAL_NO, config.platformSerialNo());
        return c;
    }

    private static void put(Map<String, String> c, String key, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> c.put(key, v));
    }

    /** Where WeChat Pay notifies: the merchant's own endpoint for its own account, else the platform's. */
    String notifyUrl(String ownMerchantId) {
        String base = PublicBaseUrl.or(config.notifyBaseUrl());
        return base + "/webhooks/" + NAME + (ownMerchantId == null ? "" : "/" + ownMerchantId);
    }

    /** The path of the configured base URL (the emulator's {@code /sandbox/wechatpay}; empty for WeChat's host). */
    private String basePath() {
        String p = basePath;
        if (p == null) {
            String path = configuredBaseUrl().map(u -> URI.create(u).getRawPath()).orElse("");
            p = path == null ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            basePath = p;
        }
        return p;
    }

    /**
     * The {@code out_trade_no} or {@code out_refund_no} of an attempt or refund: the id itself when it
     * fits WeChat's 6 to 32 of {@code [A-Za-z0-9_-]}, else a digest of it.
     */
    static String outNo(String id) {
        return OUT_NO.matcher(id).matches() ? id : "pr" + sha256(id).substring(0, 30);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConnectorResult rejected(WechatPayResponse res, String what) {
        boolean auth = res.status() == 401 || res.is("SIGN_ERROR");
        return new ConnectorResult(Outcome.NOT_SENT, null, auth ? "provider_authentication_failed" : "provider_rejected_request",
                null, "WeChat Pay refused " + what + " (" + res.status() + " " + res.code()
                        + (res.message() == null ? "" : ": " + res.message()) + "); nothing was charged.", null, null);
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

    private JsonNode json(WechatPayResponse res) {
        return parse(res.body());
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    // ---- inbound notifications ---------------------------------------------------------------

    /**
     * Verifies a notification with the account it was addressed to (the merchant's stored credentials
     * for {@code /webhooks/wechat_pay/{merchantId}}, the configured account for
     * {@code /webhooks/wechat_pay}): {@code Wechatpay-Serial} must name that account's platform key,
     * {@code Wechatpay-Timestamp} be within the tolerance (the official parser does not check it),
     * the signature verify over the raw body; then the resource is decrypted with the account's API v3
     * key. The event id is the notification's {@code id}. Runs on a worker thread.
     */
    @Override
    public Uni<ProviderEvent> verifyWebhook(InboundWebhook webhook) {
        Uni<Map<String, String>> credentials = webhook.platform() ? Uni.createFrom().item(platformCredentials())
                : accounts.credentials(webhook.merchantId(), NAME).onFailure().recoverWithItem(Map.of());
        Instant now = webhook.receivedAt() == null ? Instant.now() : webhook.receivedAt();
        return credentials.emitOn(Infrastructure.getDefaultWorkerPool()).map(c -> verify(webhook, c, now));
    }

    private ProviderEvent verify(InboundWebhook webhook, Map<String, String> credentials, Instant now) {
        WechatPayAccount account;
        try {
            account = WechatPayAccount.of(credentials);
        } catch (WechatPayAccount.Unusable e) {
            throw new WebhookRejectedException(webhook.platform() ? "no WeChat Pay account is configured"
                    : "the merchant stored no usable WeChat Pay credentials");
        }
        String type = webhook.header("Wechatpay-Signature-Type");
        if (type != null && !WechatPaySignature.SCHEMA.equals(type)) {
            throw new WebhookRejectedException("WeChat Pay notification rejected: signature type " + type);
        }
        String body = new String(webhook.body(), StandardCharsets.UTF_8);
        String problem = verifyAnswer(account, webhook.header("Wechatpay-Timestamp"), webhook.header("Wechatpay-Nonce"),
                webhook.header("Wechatpay-Signature"), webhook.header("Wechatpay-Serial"), body, now);
        if (problem != null) {
            throw new WebhookRejectedException("WeChat Pay notification rejected: " + problem);
        }
        JsonNode n;
        try {
            n = mapper.readTree(body);
        } catch (IOException e) {
            throw new WebhookRejectedException("WeChat Pay notification is not JSON");
        }
        String id = WechatPayMapping.text(n, "id");
        JsonNode resource = n == null ? null : n.get("resource");
        if (id == null || id.isBlank() || resource == null || !resource.isObject()) {
            throw new WebhookRejectedException("WeChat Pay notification rejected: id and resource are required");
        }
        if (!WechatPayCipher.ALGORITHM.equals(WechatPayMapping.text(resource, "algorithm"))) {
            throw new WebhookRejectedException("WeChat Pay notification rejected: resource algorithm is not "
                    + WechatPayCipher.ALGORITHM);
        }
        String plain;
        try {
            plain = WechatPayCipher.decrypt(account.apiV3Key(), WechatPayMapping.text(resource, "associated_data"),
                    WechatPayMapping.text(resource, "nonce"), WechatPayMapping.text(resource, "ciphertext"));
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException("WeChat Pay notification rejected: the resource does not decrypt");
        }
        JsonNode decrypted;
        try {
            decrypted = mapper.readTree(plain);
        } catch (IOException e) {
            throw new WebhookRejectedException("WeChat Pay notification resource is not JSON");
        }
        return WechatPayEvents.translate(id, WechatPayMapping.text(n, "event_type"), decrypted, account.mchid());
    }
}
