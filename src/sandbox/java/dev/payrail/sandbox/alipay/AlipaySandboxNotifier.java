package dev.payrail.sandbox.alipay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.common.Ids;
import dev.payrail.connector.alipay.AlipayRsa2;
import dev.payrail.connector.alipay.AlipayTime;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Alipay's asynchronous notify as the emulator sends it: a form POST ({@code trade_status_sync}) to
 * the trade's {@code notify_url}, signed RSA2 with the emulator's Alipay key over the sorted
 * parameters without {@code sign} and {@code sign_type}; sent again on {@code notify-retry} until the
 * answer's body is {@code success}. Each try carries a fresh {@code notify_time} (and signature),
 * the same {@code notify_id}. Tests use {@link #signed} to make notifies of their own.
 */
@Singleton
public class AlipaySandboxNotifier {

    private static final Logger LOG = Logger.getLogger(AlipaySandboxNotifier.class);

    private final AlipaySandboxConfig config;
    private final Vertx vertx;
    private final Provider<AlipaySandbox> sandbox;
    private final AtomicLong delivered = new AtomicLong();
    /** Per out_trade_no: {tries, acknowledged}. */
    private final dev.payrail.sandbox.Recent<String, java.util.concurrent.atomic.AtomicIntegerArray> counts;
    private volatile HttpClient client;

    AlipaySandboxNotifier(AlipaySandboxConfig config, Vertx vertx, Provider<AlipaySandbox> sandbox,
            dev.payrail.sandbox.SandboxConfig sandboxConfig) {
        this.config = config;
        this.counts = new dev.payrail.sandbox.Recent<>(sandboxConfig.rememberedPayments());
        this.vertx = vertx;
        this.sandbox = sandbox;
    }

    /** Notifies answered {@code success} so far (for tests). */
    public long delivered() {
        return delivered.get();
    }

    /** Notify tries for a trade so far (every notify of it, every retry). */
    public int tries(String outTradeNo) {
        var c = counts.get(outTradeNo);
        return c == null ? 0 : c.get(0);
    }

    /** Notifies of a trade answered {@code success}. */
    public int acknowledged(String outTradeNo) {
        var c = counts.get(outTradeNo);
        return c == null ? 0 : c.get(1);
    }

    /** The notify parameters of a trade's current state (a refund notify when {@code refund} is given), unsigned. */
    static Map<String, String> params(AlipayTrade t, AlipaySandbox.App app, AlipayTrade.Refund refund, String notifyId) {
        Map<String, String> p = new TreeMap<>();
        p.put("notify_type", "trade_status_sync");
        p.put("notify_id", notifyId);
        p.put("app_id", t.appId);
        p.put("auth_app_id", t.appId);
        p.put("charset", "utf-8");
        p.put("version", "1.0");
        p.put("trade_no", t.tradeNo);
        p.put("out_trade_no", t.outTradeNo);
        p.put("trade_status", t.status);
        p.put("total_amount", AlipayTrade.yuan(t.total));
        p.put("subject", t.subject);
        p.put("gmt_create", AlipayTime.format(t.createdAt));
        if (app != null && app.sellerId() != null) {
            p.put("seller_id", app.sellerId());
        }
        if (t.buyerId != null) {
            p.put("buyer_id", t.buyerId);
            p.put("buyer_logon_id", t.buyerLogonId);
        }
        if (t.paidAt != null) {
            String total = AlipayTrade.yuan(t.total);
            p.put("receipt_amount", total);
            p.put("invoice_amount", total);
            p.put("buyer_pay_amount", total);
            p.put("point_amount", "0.00");
            p.put("gmt_payment", AlipayTime.format(t.paidAt));
            p.put("fund_bill_list", "[{\"amount\":\"" + total + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        }
        if (t.closedAt != null) {
            p.put("gmt_close", AlipayTime.format(t.closedAt));
        }
        if (refund != null) {
            p.put("out_biz_no", refund.outRequestNo());
            p.put("refund_fee", AlipayTrade.yuan(t.refunded));
            p.put("gmt_refund", AlipayTime.format(refund.at()) + ".000");
        }
        return p;
    }

    /** {@code params} with a fresh {@code notify_time}, {@code sign_type} and {@code sign} by {@code key}. */
    public static Map<String, String> signed(Map<String, String> params, PrivateKey key, Instant notifyTime) {
        Map<String, String> p = new TreeMap<>(params);
        p.put("notify_time", AlipayTime.format(notifyTime));
        p.put("sign_type", "RSA2");
        p.remove("sign");
        p.put("sign", AlipayRsa2.sign(AlipayRsa2.notifyContent(p), key));
        return p;
    }

    /** The form body of a notify. */
    public static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    /** Sends the trade's notify now (under the trade's lock: its state is captured here), then again until acknowledged. */
    void send(AlipayTrade t, AlipaySandbox.App app, AlipayTrade.Refund refund) {
        if (t.notifyUrl == null || t.notifyUrl.isBlank()) {
            return;
        }
        Map<String, String> params = params(t, app, refund, Ids.random(32).toLowerCase(java.util.Locale.ROOT));
        attempt(t.notifyUrl, params, 0);
    }

    private void attempt(String url, Map<String, String> params, int tryNo) {
        if (Boolean.TRUE.equals(sandbox.get().settings().dropNotifies())) {
            LOG.debugf("sandbox alipay notify %s dropped", params.get("notify_id"));
            return;
        }
        var count = counts.computeIfAbsent(params.get("out_trade_no"), k -> new java.util.concurrent.atomic.AtomicIntegerArray(2));
        count.incrementAndGet(0);
        Uni.createFrom().item(() -> form(signed(params, sandbox.get().alipayKey(), Instant.now())))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(body -> post(url, body))
                .subscribe().with(ok -> {
                    if (ok) {
                        delivered.incrementAndGet();
                        count.incrementAndGet(1);
                    } else {
                        retry(url, params, tryNo);
                    }
                }, err -> {
                    LOG.debugf("sandbox alipay notify %s not delivered: %s", params.get("notify_id"), err.toString());
                    retry(url, params, tryNo);
                });
    }

    private void retry(String url, Map<String, String> params, int tryNo) {
        List<Duration> schedule = config.notifyRetry();
        if (tryNo >= schedule.size()) {
            LOG.infof("sandbox alipay notify %s given up after %d tries", params.get("notify_id"), tryNo + 1);
            return;
        }
        vertx.setTimer(Math.max(1, schedule.get(tryNo).toMillis()), id -> attempt(url, params, tryNo + 1));
    }

    /** Whether the notify URL answered {@code success}. */
    private Uni<Boolean> post(String url, String body) {
        HttpClient c = client;
        if (c == null) {
            c = vertx.createHttpClient();
            client = c;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("User-Agent", "Mozilla/4.0");
        return c.request(options).chain(req -> req.send(Buffer.buffer(body)))
                .chain(resp -> resp.body().map(b -> resp.statusCode() == 200 && "success".equals(b.toString().trim())));
    }
}
