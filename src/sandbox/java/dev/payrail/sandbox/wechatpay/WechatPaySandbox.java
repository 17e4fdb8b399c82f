package dev.payrail.sandbox.wechatpay;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.connector.wechatpay.WechatPayCipher;
import dev.payrail.connector.wechatpay.WechatPayKeys;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.SandboxConfig;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;

/**
 * The state of the WeChat Pay emulator: merchants (the sandbox account and those registered at run
 * time, each with the public key that verifies its requests and the API v3 key its notifications are
 * encrypted with), Native and H5 orders by {@code mchid + out_trade_no}, and refunds by
 * {@code mchid + out_refund_no}, each in a {@link Recent} store of
 * {@code payrail.sandbox.remembered-payments} entries (a forgotten order answers {@code 404 ORDER_NOT_EXIST}).
 *
 * <p>WeChat Pay's rules: an {@code out_trade_no} sent again with the same parameters answers the same
 * {@code code_url}/{@code h5_url}; with other parameters (or another trade type) {@code 400
 * INVALID_REQUEST "201 商户订单号重复"}; a paid one {@code 403 ORDERPAID}. After {@code time_expire} an
 * unpaid order can no longer be paid and stays {@code NOTPAY} until closed. Closing a paid order is
 * refused with {@code 403 ORDERPAID}. Refunds are {@code PROCESSING}, then {@code SUCCESS} after
 * {@code refund-delay} with a {@code REFUND.SUCCESS} notification.
 */
@Singleton
public class WechatPaySandbox {

    static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[A-Za-z0-9_*-]{6,32}");
    private static final Pattern OUT_REFUND_NO = Pattern.compile("[A-Za-z0-9_*@|-]{1,64}");

    /** A merchant as WeChat Pay knows it. */
    public record Merchant(String mchid, String appid, String serialNo, PublicKey publicKey, byte[] apiV3Key) {
    }

    /** An order; guarded by its own monitor. */
    static final class Order {
        final String mchid;
        final String appid;
        final String outTradeNo;
        final String tradeType;
        final String fingerprint;
        final String description;
        final String notifyUrl;
        final long total;
        final String currency;
        final Instant timeExpire;
        final String token;
        final String payerUrl;
        String tradeState = "NOTPAY";
        String tradeStateDesc = "订单未支付";
        String transactionId;
        Instant successTime;
        long refunded;

        Order(String mchid, String appid, String outTradeNo, String tradeType, String fingerprint, String description,
                String notifyUrl, long total, String currency, Instant timeExpire, String token, String payerUrl) {
            this.mchid = mchid;
            this.appid = appid;
            this.outTradeNo = outTradeNo;
            this.tradeType = tradeType;
            this.fingerprint = fingerprint;
            this.description = description;
            this.notifyUrl = notifyUrl;
            this.total = total;
            this.currency = currency;
            this.timeExpire = timeExpire;
            this.token = token;
            this.payerUrl = payerUrl;
        }

        boolean expired(Instant now) {
            return timeExpire != null && now.isAfter(timeExpire);
        }
    }

    /** A refund; guarded by its order's monitor. */
    static final class Refund {
        final String refundId;
        final String outRefundNo;
        final String fingerprint;
        final Order order;
        final long amount;
        final String notifyUrl;
        final Instant created;
        String status = "PROCESSING";
        Instant successTime;

        Refund(String refundId, String outRefundNo, String fingerprint, Order order, long amount, String notifyUrl,
                Instant created) {
            this.refundId = refundId;
            this.outRefundNo = outRefundNo;
            this.fingerprint = fingerprint;
            this.order = order;
            this.amount = amount;
            this.notifyUrl = notifyUrl;
            this.created = created;
        }
    }

    private final WechatPaySandboxConfig config;
    private final WechatPaySandboxNotifier notifier;
    private final Vertx vertx;
    private final Map<String, Merchant> merchants = new ConcurrentHashMap<>();
    private final Recent<String, Order> orders;
    private final Recent<String, String> tokens;
    private final Recent<String, Refund> refunds;
    private final Map<String, long[]> rate = new ConcurrentHashMap<>();
    private final PrivateKey platformKey;
    private volatile boolean dropNotifications;

    WechatPaySandbox(WechatPaySandboxConfig config, WechatPaySandboxNotifier notifier, Vertx vertx, SandboxConfig sandbox) {
        this.config = config;
        this.notifier = notifier;
        this.vertx = vertx;
        int n = sandbox.rememberedPayments();
        this.orders = new Recent<>(n);
        this.tokens = new Recent<>(n);
        this.refunds = new Recent<>(n);
        this.platformKey = config.platformPrivateKey().map(WechatPayKeys::privateKey).orElse(null);
        if (config.mchid().isPresent() && config.merchantPublicKey().isPresent() && config.apiV3Key().isPresent()) {
            register(config.mchid().get(), config.appid().orElse(""), config.merchantSerialNo().orElse(""),
                    config.merchantPublicKey().get(), config.apiV3Key().get());
        }
    }

    // ---- merchants, keys, settings ----------------------------------------------------------

    /** Makes a merchant known (or replaces its keys): its requests verify with {@code publicKeyPem}. */
    public Merchant register(String mchid, String appid, String serialNo, String publicKeyPem, String apiV3Key) {
        if (!WechatPayCipher.validKey(apiV3Key)) {
            throw new IllegalArgumentException("api_v3_key must be 32 bytes");
        }
        Merchant m = new Merchant(mchid, appid, serialNo, WechatPayKeys.publicKey(publicKeyPem),
                apiV3Key.getBytes(StandardCharsets.UTF_8));
        merchants.put(mchid, m);
        return m;
    }

    Merchant merchant(String mchid) {
        return mchid == null ? null : merchants.get(mchid);
    }

    /** The platform's signing key, or {@code null} when none is configured. */
    PrivateKey platformKey() {
        return platformKey;
    }

    /** The platform's public key (base64 X.509), derived from its private key; {@code null} without one. */
    public String platformPublicKey() {
        if (!(platformKey instanceof java.security.interfaces.RSAPrivateCrtKey crt)) {
            return null;
        }
        try {
            return WechatPayKeys.encode(java.security.KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String platformSerialNo() {
        return config.platformSerialNo();
    }

    WechatPaySandboxConfig config() {
        return config;
    }

    /** Tests: notifications are built but not posted (a lost notification) while {@code drop} is true. */
    public void dropNotifications(boolean drop) {
        dropNotifications = drop;
    }

    /** Whether this merchant is over its per-second budget ({@code 429 FREQUENCY_LIMITED}). */
    boolean limited(String mchid) {
        long second = Instant.now().getEpochSecond();
        long[] slot = rate.computeIfAbsent(mchid, k -> new long[2]);
        synchronized (slot) {
            if (slot[0] != second) {
                slot[0] = second;
                slot[1] = 0;
            }
            return ++slot[1] > config.rateLimitPerSecond();
        }
    }

    // ---- orders -------------------------------------------------------------------------------

    /** {@code POST /v3/pay/transactions/native} ({@code tradeType} NATIVE) and {@code /h5} (MWEB). */
    WechatPaySandboxReply prepay(Merchant signer, String tradeType, Map<String, Object> body, String baseUrl) {
        String appid = string(body, "appid");
        String mchid = string(body, "mchid");
        String description = string(body, "description");
        String outTradeNo = string(body, "out_trade_no");
        String notifyUrl = string(body, "notify_url");
        if (appid == null || mchid == null || description == null || outTradeNo == null || notifyUrl == null) {
            return WechatPaySandboxReply.paramError("输入源“/body”映射到值字段“appid, mchid, description, out_trade_no, notify_url”必填");
        }
        if (!mchid.equals(signer.mchid())) {
            return WechatPaySandboxReply.paramError("商户号mchid与签名商户号不一致");
        }
        if (!appid.equals(signer.appid())) {
            return WechatPaySandboxReply.error(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
        }
        if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            return WechatPaySandboxReply.paramError("out_trade_no 只能是数字、大小写字母_-*，长度6到32");
        }
        if (!notifyUrl.startsWith("https://") && !notifyUrl.startsWith("http://") || notifyUrl.contains("?")) {
            return WechatPaySandboxReply.paramError("notify_url 格式错误");
        }
        if (description.length() > 127) {
            return WechatPaySandboxReply.paramError("description 长度超过127");
        }
        if (!(body.get("amount") instanceof Map<?, ?> amount) || !(amount.get("total") instanceof Number total)
                || total.longValue() < 1 || total.doubleValue() != total.longValue()) {
            return WechatPaySandboxReply.paramError("amount.total 必须为大于0的整数（单位：分）");
        }
        Object currencyValue = amount.get("currency");
        String currency = currencyValue == null ? "CNY" : String.valueOf(currencyValue);
        if (!"CNY".equals(currency)) {
            return WechatPaySandboxReply.paramError("amount.currency 仅支持CNY");
        }
        Instant timeExpire = null;
        if (body.get("time_expire") != null) {
            try {
                timeExpire = OffsetDateTime.parse(String.valueOf(body.get("time_expire")), RFC3339).toInstant();
            } catch (DateTimeParseException e) {
                return WechatPaySandboxReply.paramError("time_expire 格式错误，应为 rfc3339 格式");
            }
        }
        if ("MWEB".equals(tradeType) && !(body.get("scene_info") instanceof Map<?, ?> scene
                && scene.get("payer_client_ip") instanceof String && scene.get("h5_info") instanceof Map<?, ?>)) {
            return WechatPaySandboxReply.paramError("scene_info.payer_client_ip 与 scene_info.h5_info 必填");
        }
        String fingerprint = tradeType + " " + new TreeMap<>(body);
        String key = mchid + "|" + outTradeNo;
        Instant now = Instant.now();
        String token = "MWEB".equals(tradeType) ? "wx" + now.atOffset(CHINA).format(DateTimeFormatter.ofPattern("ddHHmmss"))
                + Ids.random(20) : Ids.random(16);
        String url = "MWEB".equals(tradeType)
                ? baseUrl + "/sandbox/wechatpay/checkmweb?prepay_id=" + token + "&package=" + Ids.random(10)
                : baseUrl + "/sandbox/wechatpay/bizpayurl?pr=" + token;
        Order fresh = new Order(mchid, appid, outTradeNo, tradeType, fingerprint, description, notifyUrl,
                total.longValue(), currency, timeExpire == null ? now.plus(2, ChronoUnit.HOURS) : timeExpire, token, url);
        Order order = orders.computeIfAbsent(key, k -> fresh);
        synchronized (order) {
            if (order != fresh) {
                if ("SUCCESS".equals(order.tradeState) || "REFUND".equals(order.tradeState)) {
                    return WechatPaySandboxReply.error(403, "ORDERPAID", "该订单已支付");
                }
                if (!order.fingerprint.equals(fingerprint)) {
                    return WechatPaySandboxReply.invalidRequest("201 商户订单号重复");
                }
                if ("CLOSED".equals(order.tradeState)) {
                    return WechatPaySandboxReply.error(400, "ORDER_CLOSED", "订单已关闭");
                }
            } else {
                tokens.put(token, key);
            }
            return WechatPaySandboxReply.ok(Map.of("MWEB".equals(tradeType) ? "h5_url" : "code_url", order.payerUrl));
        }
    }

    /** {@code GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=}. */
    WechatPaySandboxReply query(Merchant signer, String outTradeNo, String mchid) {
        if (mchid == null || !mchid.equals(signer.mchid())) {
            return WechatPaySandboxReply.paramError("mchid 与签名商户号不一致");
        }
        Order order = orders.get(mchid + "|" + outTradeNo);
        if (order == null) {
            return WechatPaySandboxReply.orderNotExist();
        }
        synchronized (order) {
            return WechatPaySandboxReply.ok(transaction(order));
        }
    }

    /** {@code POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close} with {@code {mchid}}. */
    WechatPaySandboxReply close(Merchant signer, String outTradeNo, Map<String, Object> body) {
        if (!signer.mchid().equals(body.get("mchid"))) {
            return WechatPaySandboxReply.paramError("mchid 与签名商户号不一致");
        }
        Order order = orders.get(signer.mchid() + "|" + outTradeNo);
        if (order == null) {
            return WechatPaySandboxReply.orderNotExist();
        }
        synchronized (order) {
            switch (order.tradeState) {
                case "SUCCESS", "REFUND" -> {
                    return WechatPaySandboxReply.error(403, "ORDERPAID", "订单已支付，不能发起关单");
                }
                case "CLOSED" -> {
                    return WechatPaySandboxReply.error(400, "ORDER_CLOSED", "订单已关闭");
                }
                default -> {
                    order.tradeState = "CLOSED";
                    order.tradeStateDesc = "订单已关闭";
                    return WechatPaySandboxReply.noContent();
                }
            }
        }
    }

    // ---- the payer ----------------------------------------------------------------------------

    /** What the payer page shows of the order behind a code_url/h5_url token, or {@code null}. */
    public Map<String, Object> payerView(String token) {
        Order order = byToken(token);
        if (order == null) {
            return null;
        }
        synchronized (order) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("mchid", order.mchid);
            v.put("out_trade_no", order.outTradeNo);
            v.put("description", order.description);
            v.put("total", order.total);
            v.put("trade_type", order.tradeType);
            v.put("trade_state", order.tradeState);
            v.put("expired", "NOTPAY".equals(order.tradeState) && order.expired(Instant.now()));
            v.put("time_expire", RFC3339.format(order.timeExpire.atOffset(CHINA)));
            return v;
        }
    }

    /**
     * The payer acts on the order: {@code pay} (it succeeds and WeChat Pay notifies), {@code fail}
     * (the payment fails: {@code PAYERROR}), {@code cancel} (the payer backs out: still {@code NOTPAY}).
     * Whether the order took the action, with the reason when not.
     */
    public String payerActs(String token, String action) {
        Order order = byToken(token);
        if (order == null) {
            return "no such order";
        }
        WechatPaySandboxNotifier.Notification notification = null;
        synchronized (order) {
            if (!"NOTPAY".equals(order.tradeState)) {
                return "the order is " + order.tradeState;
            }
            if (order.expired(Instant.now())) {
                return "the order expired";
            }
            switch (Objects.requireNonNullElse(action, "")) {
                case "pay" -> {
                    order.tradeState = "SUCCESS";
                    order.tradeStateDesc = "支付成功";
                    order.transactionId = "42000" + digits(23);
                    order.successTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                    notification = notifier.transactionSuccess(merchant(order.mchid), order.notifyUrl, transaction(order));
                }
                case "fail" -> {
                    order.tradeState = "PAYERROR";
                    order.tradeStateDesc = "支付失败，请重新下单支付";
                }
                case "cancel" -> {
                    // The payer closed the cashier: nothing changes at WeChat Pay.
                }
                default -> {
                    return "unknown action";
                }
            }
        }
        if (notification != null && !dropNotifications) {
            notifier.post(notification);
        }
        return null;
    }

    private Order byToken(String token) {
        String key = token == null ? null : tokens.get(token);
        return key == null ? null : orders.get(key);
    }

    // ---- refunds ------------------------------------------------------------------------------

    /** {@code POST /v3/refund/domestic/refunds}. */
    WechatPaySandboxReply refund(Merchant signer, Map<String, Object> body) {
        String outTradeNo = string(body, "out_trade_no");
        String outRefundNo = string(body, "out_refund_no");
        if (outTradeNo == null || outRefundNo == null || !OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            return WechatPaySandboxReply.paramError("out_trade_no 与 out_refund_no 必填");
        }
        if (!(body.get("amount") instanceof Map<?, ?> amount) || !(amount.get("refund") instanceof Number refund)
                || !(amount.get("total") instanceof Number total) || !"CNY".equals(amount.get("currency"))
                || refund.longValue() < 1) {
            return WechatPaySandboxReply.paramError("amount.refund、amount.total、amount.currency 必填");
        }
        Order order = orders.get(signer.mchid() + "|" + outTradeNo);
        if (order == null) {
            return WechatPaySandboxReply.error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
        }
        String fingerprint = new TreeMap<>(body).toString();
        String key = signer.mchid() + "|" + outRefundNo;
        Refund created;
        synchronized (order) {
            Refund known = refunds.get(key);
            if (known != null) {
                return known.fingerprint.equals(fingerprint) ? WechatPaySandboxReply.ok(refundView(known))
                        : WechatPaySandboxReply.invalidRequest("订单金额或退款金额与之前请求不一致，请核实后再试");
            }
            if (!"SUCCESS".equals(order.tradeState) && !"REFUND".equals(order.tradeState)) {
                return WechatPaySandboxReply.invalidRequest("订单未支付，不能发起退款");
            }
            if (total.longValue() != order.total) {
                return WechatPaySandboxReply.paramError("订单金额与原订单金额不一致");
            }
            if (refund.longValue() > order.total - order.refunded) {
                return WechatPaySandboxReply.invalidRequest("申请退款金额超过订单可退金额");
            }
            order.refunded += refund.longValue();
            order.tradeState = "REFUND";
            order.tradeStateDesc = "转入退款";
            String notifyUrl = string(body, "notify_url");
            created = new Refund("50000" + digits(24), outRefundNo, fingerprint, order,
                    refund.longValue(), notifyUrl == null ? order.notifyUrl : notifyUrl, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            refunds.put(key, created);
        }
        // The notification is signed (RSA): off the event loop the timer fires on.
        vertx.setTimer(Math.max(1, config.refundDelay().toMillis()),
                id -> Infrastructure.getDefaultWorkerPool().execute(() -> settle(created)));
        synchronized (order) {
            return WechatPaySandboxReply.ok(refundView(created));
        }
    }

    private void settle(Refund refund) {
        WechatPaySandboxNotifier.Notification notification;
        synchronized (refund.order) {
            if (!"PROCESSING".equals(refund.status)) {
                return;
            }
            refund.status = "SUCCESS";
            refund.successTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> plain = new LinkedHashMap<>();
            plain.put("mchid", refund.order.mchid);
            plain.put("out_trade_no", refund.order.outTradeNo);
            plain.put("transaction_id", refund.order.transactionId);
            plain.put("out_refund_no", refund.outRefundNo);
            plain.put("refund_id", refund.refundId);
            plain.put("refund_status", refund.status);
            plain.put("success_time", RFC3339.format(refund.successTime.atOffset(CHINA)));
            plain.put("user_received_account", "支付用户零钱");
            plain.put("amount", Map.of("total", refund.order.total, "refund", refund.amount, "payer_total",
                    refund.order.total, "payer_refund", refund.amount));
            notification = notifier.refund(merchant(refund.order.mchid), refund.notifyUrl, "REFUND.SUCCESS", plain);
        }
        if (!dropNotifications) {
            notifier.post(notification);
        }
    }

    /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}. */
    WechatPaySandboxReply refundQuery(Merchant signer, String outRefundNo) {
        Refund refund = refunds.get(signer.mchid() + "|" + outRefundNo);
        if (refund == null) {
            return WechatPaySandboxReply.error(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
        }
        synchronized (refund.order) {
            return WechatPaySandboxReply.ok(refundView(refund));
        }
    }

    // ---- views --------------------------------------------------------------------------------

    /** The transaction as the query and the notification show it. */
    static Map<String, Object> transaction(Order o) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("appid", o.appid);
        t.put("mchid", o.mchid);
        t.put("out_trade_no", o.outTradeNo);
        if (o.transactionId != null) {
            t.put("transaction_id", o.transactionId);
            t.put("trade_type", o.tradeType);
        }
        t.put("trade_state", o.tradeState);
        t.put("trade_state_desc", o.tradeStateDesc);
        t.put("attach", "");
        Map<String, Object> amount = new LinkedHashMap<>();
        if (o.successTime != null) {
            t.put("bank_type", "OTHERS");
            t.put("success_time", RFC3339.format(o.successTime.atOffset(CHINA)));
            t.put("payer", Map.of("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
            amount.put("total", o.total);
            amount.put("payer_total", o.total);
            amount.put("currency", o.currency);
            amount.put("payer_currency", o.currency);
        } else {
            amount.put("total", o.total);
            amount.put("currency", o.currency);
        }
        t.put("amount", amount);
        return t;
    }

    private static Map<String, Object> refundView(Refund r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("refund_id", r.refundId);
        v.put("out_refund_no", r.outRefundNo);
        v.put("transaction_id", r.order.transactionId);
        v.put("out_trade_no", r.order.outTradeNo);
        v.put("channel", "ORIGINAL");
        v.put("user_received_account", "支付用户零钱");
        if (r.successTime != null) {
            v.put("success_time", RFC3339.format(r.successTime.atOffset(CHINA)));
        }
        v.put("create_time", RFC3339.format(r.created.atOffset(CHINA)));
        v.put("status", r.status);
        v.put("funds_account", "AVAILABLE");
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", r.order.total);
        amount.put("refund", r.amount);
        amount.put("payer_total", r.order.total);
        amount.put("payer_refund", r.amount);
        amount.put("settlement_refund", r.amount);
        amount.put("settlement_total", r.order.total);
        amount.put("discount_refund", 0);
        amount.put("currency", "CNY");
        v.put("amount", amount);
        return v;
    }

    /** WeChat Pay's ids are digits ({@code transaction_id} 28, {@code refund_id} 29). */
    private static String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    private static String string(Map<String, Object> body, String field) {
        return body.get(field) instanceof String s && !s.isBlank() ? s : null;
    }
}
