package dev.payrail.sandbox.alipay;

import java.math.BigDecimal;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.Ids;
import dev.payrail.connector.alipay.AlipayRsa2;
import dev.payrail.connector.alipay.AlipayTime;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.SandboxConfig;

/**
 * The state and rules of the Alipay emulator's {@code gateway.do}: common-parameter checks in
 * Alipay's order (missing → {@code 40001}, invalid → {@code 40002}, including
 * {@code isv.invalid-signature} when the RSA2 signature does not verify with the app's public key),
 * then the method's business rules ({@code 40004} with Alipay's {@code ACQ.*} sub codes). Trades are
 * kept per app and {@code out_trade_no}: a precreate repeated with the same amount answers the same
 * {@code qr_code}, a paid one {@code ACQ.TRADE_HAS_SUCCESS}; a precreated trade exists for queries only
 * once its code was scanned; trades expire at {@code time_expire} (or {@code timeout_express}).
 *
 * <p>Each store keeps the last {@code payrail.sandbox.remembered-payments} entries ({@link Recent}),
 * like the other emulators; a forgotten trade answers {@code ACQ.TRADE_NOT_EXIST}.
 */
@Singleton
public class AlipaySandbox implements dev.payrail.sandbox.TunableEmulator<AlipaySandboxSettings> {

    /** An answer: the response object under {@code key} ({@code <method>_response} or {@code error_response}). */
    public record Reply(String key, Map<String, Object> response) {
    }

    /** What {@code gateway.do} does: answer JSON, or (page pay) send the browser to the cashier page. */
    public record Answer(Reply reply, String redirect) {
    }

    static final Map<String, String> MESSAGES = Map.of("10000", "Success", "20000", "Service Currently Unavailable",
            "20001", "Insufficient Token Permissions", "40001", "Missing Required Arguments", "40002",
            "Invalid Arguments", "40004", "Business Failed", "40006", "Insufficient Permissions");
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?");
    private static final Pattern OUT_NO = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern TIMEOUT_EXPRESS = Pattern.compile("([1-9][0-9]*)([mhd])|1c");
    private static final BigDecimal MAX_TOTAL = new BigDecimal("100000000.00");
    private static final ObjectMapper WIRE = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** An app as registered in Alipay's console: its public key and seller id (PID). */
    public record App(String appId, String publicKey, String sellerId) {
    }

    private final AlipaySandboxConfig config;
    private final AlipaySandboxNotifier notifier;
    private final ConcurrentHashMap<String, App> apps = new ConcurrentHashMap<>();
    private final Recent<String, AlipayTrade> trades;
    private final Recent<String, String> codes;
    private final Recent<String, Map<String, String>> requests;
    private volatile AlipaySandboxSettings settings;

    AlipaySandbox(AlipaySandboxConfig config, AlipaySandboxNotifier notifier, SandboxConfig sandbox) {
        this.config = config;
        this.notifier = notifier;
        this.settings = AlipaySandboxSettings.of(config);
        this.trades = new Recent<>(sandbox.rememberedPayments());
        this.codes = new Recent<>(sandbox.rememberedPayments());
        this.requests = new Recent<>(sandbox.rememberedPayments());
        apps.put(config.appId(), new App(config.appId(), config.appPublicKey(), config.sellerId()));
    }

    // ---- settings and apps --------------------------------------------------------------------

    public AlipaySandboxSettings settings() {
        return settings;
    }

    public String update(AlipaySandboxSettings update) {
        AlipaySandboxSettings next = settings.merge(update);
        String invalid = next.invalid();
        if (invalid == null) {
            settings = next;
        }
        return invalid;
    }

    public void resetSettings() {
        settings = AlipaySandboxSettings.of(config);
    }

    /** Registers (or replaces) an app: its public key verifies its requests; its seller id is its PID. */
    public App registerApp(String appId, String publicKey, String sellerId) {
        AlipayRsa2.publicKey(publicKey); // refuses a key that does not parse
        App app = new App(appId, publicKey, sellerId);
        apps.put(appId, app);
        return app;
    }

    public App app(String appId) {
        return apps.get(appId);
    }

    /** A trade as the emulator holds it now (expiry applied), for the admin view and tests; null when unknown. */
    public Map<String, Object> trade(String appId, String outTradeNo) {
        AlipayTrade t = trades.get(appId + "|" + outTradeNo);
        if (t == null) {
            return null;
        }
        synchronized (t) {
            expire(t);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("app_id", t.appId);
            view.put("out_trade_no", t.outTradeNo);
            view.put("trade_no", t.tradeNo);
            view.put("trade_status", t.status == null ? (t.dead ? "DEAD" : "NOT_SCANNED") : t.status);
            view.put("total_amount", AlipayTrade.yuan(t.total));
            view.put("refunded", AlipayTrade.yuan(t.refunded));
            view.put("refunds", t.refunds.size());
            view.put("product_code", t.productCode);
            view.put("code", t.code);
            view.put("expires_at", t.expiresAt.toString());
            view.put("notify_url", t.notifyUrl);
            return view;
        }
    }

    /**
     * The parameters of the last verified request of {@code method} about {@code outTradeNo}, as
     * received ({@code sign} included), so tests can check them with Alipay's SDK; null when none.
     */
    public Map<String, String> lastRequest(String method, String outTradeNo) {
        return requests.get(method + "|" + outTradeNo);
    }

    // ---- gateway.do ---------------------------------------------------------------------------

    /** One call of {@code gateway.do} with its (URL-decoded) parameters; {@code base} is the emulator's URL. */
    public Answer gateway(Map<String, String> p, String base) {
        String method = p.get("method");
        String key = method == null || method.isBlank() ? "error_response" : AlipayRsa2.responseKey(method);
        for (String[] required : new String[][] { { "app_id", "isv.missing-app-id" }, { "method", "isv.missing-method" },
                { "sign_type", "isv.missing-signature-type" }, { "sign", "isv.missing-signature" },
                { "timestamp", "isv.missing-timestamp" }, { "version", "isv.missing-version" } }) {
            String v = p.get(required[0]);
            if (v == null || v.isBlank()) {
                return json(error(key, "40001", required[1], "缺少参数 " + required[0]));
            }
        }
        App app = apps.get(p.get("app_id"));
        if (app == null) {
            return json(error(key, "40002", "isv.invalid-app-id", "无效的AppID参数"));
        }
        if (!"RSA2".equals(p.get("sign_type"))) {
            return json(error(key, "40002", "isv.invalid-signature-type", "无效的签名类型参数"));
        }
        if (p.get("charset") != null && !"utf-8".equalsIgnoreCase(p.get("charset"))) {
            return json(error(key, "40002", "isv.invalid-charset", "字符集错误"));
        }
        if (p.get("format") != null && !"JSON".equalsIgnoreCase(p.get("format"))) {
            return json(error(key, "40002", "isv.invalid-format", "无效的数据格式参数"));
        }
        if (!"1.0".equals(p.get("version"))) {
            return json(error(key, "40002", "isv.invalid-version", "无效的版本参数"));
        }
        Instant ts = AlipayTime.parse(p.get("timestamp"));
        Instant now = Instant.now();
        if (ts == null || Duration.between(ts, now).abs().compareTo(config.timestampTolerance()) > 0) {
            return json(error(key, "40002", "isv.invalid-timestamp", "非法的时间戳参数"));
        }
        if (!AlipayRsa2.verifyRequest(p, AlipayRsa2.publicKey(app.publicKey()))) {
            return json(error(key, "40002", "isv.invalid-signature",
                    "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：" + AlipayRsa2.requestContent(p)));
        }
        if (p.containsKey("app_auth_token")) {
            return json(error(key, "20001", "aop.invalid-app-auth-token", "无效的应用授权令牌"));
        }
        Map<String, Object> biz;
        try {
            biz = p.get("biz_content") == null ? Map.of() : WIRE.readValue(p.get("biz_content"), OBJECT);
        } catch (JsonProcessingException e) {
            return json(error(key, "40002", "isv.invalid-parameter", "biz_content 不是合法的JSON"));
        }
        Object outTradeNo = biz.get("out_trade_no");
        if (outTradeNo != null) {
            requests.put(method + "|" + outTradeNo, Map.copyOf(p));
        }
        String draw = draw();
        if (draw != null && !"alipay.trade.page.pay".equals(method)) {
            return json("20000".equals(draw) ? error(key, "20000", "isp.unknow-error", "系统繁忙")
                    : error(key, "40004", "ACQ.SYSTEM_ERROR", "系统错误"));
        }
        return switch (method) {
            case "alipay.trade.precreate" -> json(precreate(key, app, biz, p.get("notify_url"), base, now));
            case "alipay.trade.page.pay" -> pagePay(key, app, biz, p, base, now);
            case "alipay.trade.query" -> json(query(key, app, biz));
            case "alipay.trade.close" -> json(close(key, app, biz));
            case "alipay.trade.refund" -> json(refund(key, app, biz, now));
            case "alipay.trade.fastpay.refund.query" -> json(refundQuery(key, app, biz));
            default -> json(error("error_response", "40002", "isv.invalid-method", "不存在的方法名"));
        };
    }

    /** Injected unavailability ({@code 20000}) or system error ({@code ACQ.SYSTEM_ERROR}), or null. */
    private String draw() {
        AlipaySandboxSettings s = settings;
        double d = ThreadLocalRandom.current().nextDouble();
        if ((d -= s.unavailableRate()) < 0) {
            return "20000";
        }
        return d - s.errorRate() < 0 ? "40004" : null;
    }

    private Reply precreate(String key, App app, Map<String, Object> biz, String notifyUrl, String base, Instant now) {
        Object created = create(key, app, biz, notifyUrl, null, "FACE_TO_FACE_PAYMENT", base, now);
        if (created instanceof Reply refusal) {
            return refusal;
        }
        AlipayTrade t = (AlipayTrade) created;
        Map<String, Object> r = success();
        r.put("out_trade_no", t.outTradeNo);
        r.put("qr_code", base + "/qr/" + t.code);
        return new Reply(key, r);
    }

    private Answer pagePay(String key, App app, Map<String, Object> biz, Map<String, String> p, String base, Instant now) {
        if (!"FAST_INSTANT_TRADE_PAY".equals(biz.get("product_code"))) {
            return json(error(key, "40004", "ACQ.INVALID_PARAMETER", "product_code 必须为 FAST_INSTANT_TRADE_PAY"));
        }
        Object created = create(key, app, biz, p.get("notify_url"), p.get("return_url"), "FAST_INSTANT_TRADE_PAY", base,
                now);
        if (created instanceof Reply refusal) {
            return new Answer(refusal, null);
        }
        return new Answer(null, base + "/cashier/" + ((AlipayTrade) created).code);
    }

    /** A new trade, or the one this {@code out_trade_no} names when the request repeats it; else the refusal. */
    private Object create(String key, App app, Map<String, Object> biz, String notifyUrl, String returnUrl,
            String productCode, String base, Instant now) {
        String outTradeNo = text(biz, "out_trade_no");
        String total = text(biz, "total_amount");
        String subject = text(biz, "subject");
        if (outTradeNo == null || total == null || subject == null) {
            return error(key, "40002", "isv.missing-parameter", "缺少必选参数 out_trade_no, total_amount 或 subject");
        }
        if (!OUT_NO.matcher(outTradeNo).matches() || !AMOUNT.matcher(total).matches()) {
            return error(key, "40004", "ACQ.INVALID_PARAMETER", "参数无效");
        }
        BigDecimal amount = new BigDecimal(total);
        if (amount.signum() <= 0 || amount.compareTo(MAX_TOTAL) > 0) {
            return error(key, "40004", "ACQ.TOTAL_FEE_EXCEED", "订单金额超过限额");
        }
        Instant expires = expiry(biz, now);
        if (expires == null) {
            return error(key, "40004", "ACQ.INVALID_PARAMETER", "time_expire 或 timeout_express 无效");
        }
        String id = app.appId() + "|" + outTradeNo;
        AlipayTrade fresh = new AlipayTrade(app.appId(), outTradeNo, tradeNo(now), amount, subject, productCode,
                notifyUrl, returnUrl, app.sellerId(), Ids.random(24), now, expires);
        AlipayTrade known = trades.putIfAbsent(id, fresh);
        if (known == null) {
            codes.put(fresh.code, id);
            return fresh;
        }
        synchronized (known) {
            expire(known);
            if (known.paid()) {
                return error(key, "40004", "ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
            }
            if ("TRADE_CLOSED".equals(known.status) || known.dead) {
                return error(key, "40004", "ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
            }
            if (known.total.compareTo(amount) != 0 || !known.productCode.equals(productCode)) {
                return error(key, "40004", "ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
            }
            return known;
        }
    }

    private Instant expiry(Map<String, Object> biz, Instant now) {
        String timeExpire = text(biz, "time_expire");
        if (timeExpire != null) {
            Instant at = AlipayTime.parse(timeExpire);
            return at == null || !at.isAfter(now) ? null : at;
        }
        String express = text(biz, "timeout_express");
        if (express == null) {
            express = text(biz, "qr_code_timeout_express");
        }
        if (express == null) {
            return now.plus(config.defaultExpiry());
        }
        Matcher m = TIMEOUT_EXPRESS.matcher(express);
        if (!m.matches()) {
            return null;
        }
        if ("1c".equals(express)) {
            return now.atOffset(AlipayTime.CHINA).toLocalDate().plusDays(1).atStartOfDay().toInstant(AlipayTime.CHINA);
        }
        long n = Long.parseLong(m.group(1));
        return now.plus(switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    private Reply query(String key, App app, Map<String, Object> biz) {
        AlipayTrade t = find(app, biz);
        if (t == null) {
            return error(key, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        synchronized (t) {
            expire(t);
            if (t.status == null) {
                return error(key, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
            }
            Map<String, Object> r = success();
            r.put("trade_no", t.tradeNo);
            r.put("out_trade_no", t.outTradeNo);
            r.put("buyer_logon_id", t.buyerLogonId == null ? "" : t.buyerLogonId);
            r.put("trade_status", t.status);
            r.put("total_amount", AlipayTrade.yuan(t.total));
            boolean paid = t.paidAt != null;
            r.put("buyer_pay_amount", paid ? AlipayTrade.yuan(t.total) : "0.00");
            r.put("point_amount", "0.00");
            r.put("invoice_amount", paid ? AlipayTrade.yuan(t.total) : "0.00");
            r.put("receipt_amount", paid ? AlipayTrade.yuan(t.total) : "0.00");
            if (paid) {
                r.put("send_pay_date", AlipayTime.format(t.paidAt));
                r.put("fund_bill_list", java.util.List.of(Map.of("fund_channel", "ALIPAYACCOUNT", "amount",
                        AlipayTrade.yuan(t.total))));
            }
            if (t.buyerId != null) {
                r.put("buyer_user_id", t.buyerId);
            }
            return new Reply(key, r);
        }
    }

    private Reply close(String key, App app, Map<String, Object> biz) {
        AlipayTrade t = find(app, biz);
        if (t == null) {
            return error(key, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        synchronized (t) {
            expire(t);
            if (t.status == null) {
                t.dead = true; // the code can no longer be paid
                return error(key, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
            }
            if (!"WAIT_BUYER_PAY".equals(t.status)) {
                return error(key, "40004", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
            }
            t.status = "TRADE_CLOSED";
            t.closedAt = Instant.now();
            Map<String, Object> r = success();
            r.put("trade_no", t.tradeNo);
            r.put("out_trade_no", t.outTradeNo);
            return new Reply(key, r);
        }
    }

    private Reply refund(String key, App app, Map<String, Object> biz, Instant now) {
        String amountText = text(biz, "refund_amount");
        if (amountText == null) {
            return error(key, "40002", "isv.missing-parameter", "缺少必选参数 refund_amount");
        }
        if (!AMOUNT.matcher(amountText).matches() || new BigDecimal(amountText).signum() <= 0) {
            return error(key, "40004", "ACQ.INVALID_PARAMETER", "refund_amount 无效");
        }
        BigDecimal amount = new BigDecimal(amountText);
        AlipayTrade t = find(app, biz);
        if (t == null) {
            return error(key, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        AlipayTrade.Refund done;
        synchronized (t) {
            expire(t);
            if (t.status == null) {
                return error(key, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
            }
            String requestNo = text(biz, "out_request_no") == null ? t.outTradeNo : text(biz, "out_request_no");
            AlipayTrade.Refund earlier = t.refunds.get(requestNo);
            if (earlier != null) {
                if (earlier.amount().compareTo(amount) != 0) {
                    return error(key, "40004", "ACQ.DISCORDANT_REPEAT_REQUEST", "请求信息不一致");
                }
                return new Reply(key, refunded(t, "N", earlier));
            }
            if (t.paidAt == null) {
                return error(key, "40004", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
            }
            if ("TRADE_FINISHED".equals(t.status)) {
                return error(key, "40004", "ACQ.TRADE_HAS_FINISHED", "交易已完结");
            }
            if ("TRADE_CLOSED".equals(t.status)) {
                return error(key, "40004", "ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
            }
            if (t.refunded.add(amount).compareTo(t.total) > 0) {
                return error(key, "40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
            }
            done = new AlipayTrade.Refund(requestNo, amount, now);
            t.refunds.put(requestNo, done);
            t.refunded = t.refunded.add(amount);
            if (t.refunded.compareTo(t.total) == 0) {
                t.status = "TRADE_CLOSED";
                t.closedAt = now;
            }
            notifier.send(t, app, done);
            return new Reply(key, refunded(t, "Y", done));
        }
    }

    private static Map<String, Object> refunded(AlipayTrade t, String fundChange, AlipayTrade.Refund refund) {
        Map<String, Object> r = success();
        r.put("trade_no", t.tradeNo);
        r.put("out_trade_no", t.outTradeNo);
        r.put("buyer_logon_id", t.buyerLogonId);
        r.put("fund_change", fundChange);
        r.put("refund_fee", AlipayTrade.yuan(t.refunded));
        r.put("gmt_refund_pay", AlipayTime.format(refund.at()));
        r.put("buyer_user_id", t.buyerId);
        return r;
    }

    private Reply refundQuery(String key, App app, Map<String, Object> biz) {
        String requestNo = text(biz, "out_request_no");
        if (requestNo == null) {
            return error(key, "40002", "isv.missing-parameter", "缺少必选参数 out_request_no");
        }
        AlipayTrade t = find(app, biz);
        if (t == null) {
            return error(key, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        synchronized (t) {
            if (t.status == null) {
                return error(key, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
            }
            AlipayTrade.Refund refund = t.refunds.get(requestNo);
            Map<String, Object> r = success();
            if (refund == null) {
                return new Reply(key, r); // Alipay's answer for a refund it does not have: success, no fields
            }
            r.put("trade_no", t.tradeNo);
            r.put("out_trade_no", t.outTradeNo);
            r.put("out_request_no", requestNo);
            r.put("total_amount", AlipayTrade.yuan(t.total));
            r.put("refund_amount", AlipayTrade.yuan(refund.amount()));
            r.put("refund_status", "REFUND_SUCCESS");
            r.put("gmt_refund_pay", AlipayTime.format(refund.at()));
            return new Reply(key, r);
        }
    }

    private AlipayTrade find(App app, Map<String, Object> biz) {
        String outTradeNo = text(biz, "out_trade_no");
        String tradeNo = text(biz, "trade_no");
        if (outTradeNo != null) {
            AlipayTrade t = trades.get(app.appId() + "|" + outTradeNo);
            return t != null && (tradeNo == null || tradeNo.equals(t.tradeNo)) ? t : null;
        }
        if (tradeNo == null) {
            return null;
        }
        AlipayTrade[] found = new AlipayTrade[1];
        trades.forEachValue(t -> {
            if (t.appId.equals(app.appId()) && t.tradeNo.equals(tradeNo)) {
                found[0] = t;
            }
        });
        return found[0];
    }

    // ---- the payer --------------------------------------------------------------------------

    /** The trade behind a QR code or cashier link, or null. */
    AlipayTrade byCode(String code) {
        String id = code == null ? null : codes.get(code);
        return id == null ? null : trades.get(id);
    }

    /**
     * The payer scans the code or opens the cashier page: the trade now exists at Alipay
     * ({@code WAIT_BUYER_PAY}). Whether it can still be paid.
     */
    boolean scan(AlipayTrade t) {
        synchronized (t) {
            expire(t);
            if (t.dead || t.status != null && !"WAIT_BUYER_PAY".equals(t.status)) {
                return false;
            }
            if (t.status == null) {
                t.status = "WAIT_BUYER_PAY";
                t.buyerId = buyerId();
                t.buyerLogonId = "159****" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
            }
            return true;
        }
    }

    /** The payer pays ({@code true}) or cancels: paid trades notify {@code TRADE_SUCCESS}; cancelled ones close. */
    public String payerActs(String code, boolean pay) {
        AlipayTrade t = byCode(code);
        if (t == null) {
            return null;
        }
        synchronized (t) {
            if (!scan(t)) {
                return t.status == null ? "EXPIRED" : t.status;
            }
            Instant now = Instant.now();
            if (pay) {
                t.status = "TRADE_SUCCESS";
                t.paidAt = now;
            } else {
                t.status = "TRADE_CLOSED";
                t.closedAt = now;
            }
            notifier.send(t, apps.get(t.appId), null);
            return t.status;
        }
    }

    /** The payer scans the code of {@code outTradeNo} of the sandbox app and pays: for tests. */
    public String pay(String appId, String outTradeNo) {
        AlipayTrade t = trades.get(appId + "|" + outTradeNo);
        return t == null ? null : payerActs(t.code, true);
    }

    /** A trade past its expiry is closed (scanned) or dead (never scanned); a scanned one notifies. Under the trade's lock. */
    private void expire(AlipayTrade t) {
        if (Instant.now().isBefore(t.expiresAt) || t.paid() || "TRADE_CLOSED".equals(t.status) || t.dead) {
            return;
        }
        if (t.status == null) {
            t.dead = true;
            return;
        }
        t.status = "TRADE_CLOSED";
        t.closedAt = t.expiresAt;
        notifier.send(t, apps.get(t.appId), null);
    }

    // ---- answers ----------------------------------------------------------------------------

    private static Answer json(Reply reply) {
        return new Answer(reply, null);
    }

    private static Map<String, Object> success() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("code", "10000");
        r.put("msg", "Success");
        return r;
    }

    static Reply error(String key, String code, String subCode, String subMsg) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("code", code);
        r.put("msg", MESSAGES.get(code));
        r.put("sub_code", subCode);
        r.put("sub_msg", subMsg);
        return new Reply(key, r);
    }

    /** The answer's body as Alipay writes it: the response object, then {@code sign} over its exact text. */
    public String body(Reply reply) {
        try {
            String object = WIRE.writeValueAsString(reply.response());
            String sign = AlipayRsa2.sign(object, alipayKey());
            return "{\"" + reply.key() + "\":" + object + ",\"sign\":\"" + sign + "\"}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    PrivateKey alipayKey() {
        return AlipayRsa2.privateKey(config.alipayPrivateKey());
    }

    private static String text(Map<String, Object> biz, String field) {
        Object v = biz.get(field);
        return v == null ? null : String.valueOf(v);
    }

    /** A 28-digit trade number like Alipay's: date, channel digits, a random tail. */
    private static String tradeNo(Instant now) {
        String date = AlipayTime.format(now).substring(0, 10).replace("-", "");
        StringBuilder sb = new StringBuilder(date).append("22001");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (sb.length() < 28) {
            sb.append(r.nextInt(10));
        }
        return sb.toString();
    }

    /** A 16-digit {@code 2088…} buyer id whose digits do not pass the Luhn check (never mistaken for a card number). */
    static String buyerId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder("2088");
        while (sb.length() < 16) {
            sb.append(r.nextInt(10));
        }
        return luhn(sb) ? sb.replace(15, 16, String.valueOf((sb.charAt(15) - '0' + 1) % 10)).toString() : sb.toString();
    }

    private static boolean luhn(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
