package dev.payrail.connector.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.alipay.api.internal.util.AlipaySignature;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;
import dev.payrail.sandbox.alipay.AlipaySandbox;
import dev.payrail.sandbox.alipay.AlipaySandboxConfig;
import dev.payrail.sandbox.alipay.AlipaySandboxSettings;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Alipay end to end: Payrail's API, the connector and the emulator over HTTP, the emulator's payer
 * page playing the customer, its notifies to Payrail's webhook endpoint, and Alipay's SDK checking
 * the requests Payrail sent.
 */
@QuarkusTest
public class AlipayConnectorTest {

    static final String APP_ID = "2021000100000001";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AlipaySandbox sandbox;
    @Inject
    AlipaySandboxConfig sandboxConfig;
    @Inject
    AlipayConnector connector;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    static String body(long amount, String flow, String returnUrl) {
        return "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"method\":\"wallet\",\"provider\":\"alipay\",\"wallet\":{\"wallet\":\"alipay\""
                + (flow == null ? "" : ",\"flow\":\"" + flow + "\"")
                + (returnUrl == null ? "" : ",\"return_url\":\"" + returnUrl + "\"") + "}}";
    }

    static JsonPath pay(Providers.Merchant m, String body) {
        return m.api().body(body).post("/api/v1/payments").then().statusCode(201).extract().jsonPath();
    }

    static JsonPath read(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    static String status(Providers.Merchant m, String id) {
        return read(m, id).getString("status");
    }

    /** The path and query of an absolute URL on this test server. */
    static String local(String url) {
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The payer scans the code (GET) and presses a button on the payer page. */
    public static void payerActs(String qrOrCashierUrl, String action) {
        String page = RestAssured.given().get(local(qrOrCashierUrl)).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"pay\""), page);
        String code = qrOrCashierUrl.substring(qrOrCashierUrl.lastIndexOf('/') + 1);
        RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("action", action).post("/sandbox/alipay/cashier/" + code).then().statusCode(
                        org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(303)));
    }

    static List<String> events(String paymentId) {
        return Db.query("SELECT type FROM events WHERE object_id = ? ORDER BY created_at", paymentId).stream()
                .map(r -> (String) r.get("type")).toList();
    }

    @Test
    void aQrCodeIsScannedAndPaidAndTheNotifyCapturesThePayment() throws Exception {
        var m = Providers.routingTo("alipay");
        JsonPath p = pay(m, body(8888, null, null));
        String id = p.getString("id");
        assertEquals("requires_action", p.getString("status"));
        assertEquals("alipay", p.getString("provider"));
        assertEquals(id, p.getString("provider_reference"), "out_trade_no is Payrail's payment id");
        assertEquals("display_qr_code", p.getString("next_action.type"));
        String qr = p.getString("next_action.data");
        assertTrue(qr.contains("/sandbox/alipay/qr/"), qr);
        assertTrue(p.getString("next_action.image_data_url").startsWith("data:image/svg+xml;base64,"));
        assertNotNull(p.getString("next_action.expires_at"));

        // What Payrail sent, checked with Alipay's SDK and the sandbox app's public key.
        Map<String, String> sent = sandbox.lastRequest("alipay.trade.precreate", id);
        assertTrue(AlipaySignature.rsaCheckV2(new HashMap<>(sent), sandboxConfig.appPublicKey(), "UTF-8", "RSA2"));
        assertEquals("RSA2", sent.get("sign_type"));
        assertEquals("JSON", sent.get("format"));
        assertEquals("utf-8", sent.get("charset"));
        assertEquals("1.0", sent.get("version"));
        assertTrue(sent.get("timestamp").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), sent.get("timestamp"));
        assertTrue(sent.get("notify_url").endsWith("/webhooks/alipay"), sent.get("notify_url"));
        JsonPath biz = new JsonPath(sent.get("biz_content"));
        assertEquals("88.88", biz.getString("total_amount"), "yuan with two decimals");
        assertEquals(id, biz.getString("out_trade_no"));
        assertNotNull(AlipayTime.parse(biz.getString("time_expire")));

        // Repeated, the precreate answers the same code; nobody scanned it: not a trade at Alipay yet.
        ConnectorResult again = connector.authorize(new ConnectorRequests.Authorize(id, m.id(), "k", 8888, "CNY",
                dev.payrail.connector.PaymentMethodType.WALLET, null, null, "alipay", true, null, null)).await().indefinitely();
        assertEquals(qr, again.instructions().get("data"));
        ConnectorResult unscanned = connector.status(new ConnectorRequests.Status(id, id, 8888, "CNY", null, m.id()))
                .await().indefinitely();
        assertEquals(ConnectorResult.NO_RECORD, unscanned.errorCode());

        payerActs(qr, "pay");
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(status(m, id)));
        JsonPath captured = read(m, id);
        assertEquals(8888, captured.getInt("amount_captured"));
        assertTrue(events(id).contains("payment.captured"), events(id).toString());
        Map<String, Object> trade = sandbox.trade(APP_ID, id);
        assertEquals("TRADE_SUCCESS", trade.get("trade_status"));

        // A precreate of the paid trade is refused as paid; the close of it too.
        ConnectorResult paidAgain = connector.authorize(new ConnectorRequests.Authorize(id, m.id(), "k", 8888, "CNY",
                dev.payrail.connector.PaymentMethodType.WALLET, null, null, "alipay", true, null, null)).await().indefinitely();
        assertEquals(Outcome.UNKNOWN, paidAgain.outcome(), "ACQ.TRADE_HAS_SUCCESS: the status query settles it");
    }

    @Test
    void theRedirectFlowGoesThroughAlipaysCashierAndBackToTheMerchant() throws Exception {
        var m = Providers.routingTo("alipay");
        JsonPath p = pay(m, body(1999, "redirect", "https://merchant.example/done?order=7"));
        String id = p.getString("id");
        assertEquals("requires_action", p.getString("status"));
        assertEquals("redirect_to_url", p.getString("next_action.type"));
        String url = p.getString("next_action.url");
        assertTrue(url.contains("/sandbox/alipay/gateway.do?"), url);
        assertTrue(p.getString("next_action.return_url").endsWith("/alipay/return/" + id));
        Map<String, String> params = query(url);
        assertEquals("alipay.trade.page.pay", params.get("method"));
        assertEquals(p.getString("next_action.return_url"), params.get("return_url"));
        assertTrue(params.get("biz_content").contains("\"product_code\":\"FAST_INSTANT_TRADE_PAY\""));
        assertTrue(AlipaySignature.rsaCheckV2(new HashMap<>(params), sandboxConfig.appPublicKey(), "UTF-8", "RSA2"));

        // The browser opens the gateway URL: Alipay's cashier page; the payer pays and comes back.
        String cashier = RestAssured.given().redirects().follow(false).urlEncodingEnabled(false).get(local(url)).then()
                .statusCode(303).extract().header("Location");
        assertTrue(cashier.contains("/sandbox/alipay/cashier/"), cashier);
        RestAssured.given().get(local(cashier)).then().statusCode(200);
        String code = cashier.substring(cashier.lastIndexOf('/') + 1);
        String back = RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("action", "pay").post("/sandbox/alipay/cashier/" + code).then().statusCode(303).extract()
                .header("Location");
        assertTrue(back.contains("/alipay/return/" + id + "?"), back);
        assertEquals("alipay.trade.page.pay.return", query(back).get("method"));
        String merchant = RestAssured.given().redirects().follow(false).urlEncodingEnabled(false).get(local(back)).then()
                .statusCode(303).extract().header("Location");
        assertEquals("https://merchant.example/done?order=7&payment_id=" + id, merchant);

        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(status(m, id)));
        assertEquals(1999, read(m, id).getInt("amount_captured"));
    }

    @Test
    void aLostNotifyIsSettledByPollingTheTrade() {
        var m = Providers.routingTo("alipay");
        sandbox.update(AlipaySandboxSettings.notifies(true));
        JsonPath p = pay(m, body(500, "qr", null));
        String id = p.getString("id");
        payerActs(p.getString("next_action.data"), "pay");
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(status(m, id)));
        assertEquals(500, read(m, id).getInt("amount_captured"));
        assertTrue(read(m, id).getList("attempts.operation").contains("status"), read(m, id).getList("attempts.operation").toString());
    }

    @Test
    void aLostPrecreateAnswerIsFoundAgainByOutTradeNo() {
        var m = Providers.routingTo("alipay", "simulator");
        sandbox.update(AlipaySandboxSettings.losing(1.0, "reset", "alipay.trade.precreate"));
        String id = m.api().body(body(2600, null, null)).post("/api/v1/payments").then().extract().path("id");
        JsonPath unknown = read(m, id);
        assertEquals("unknown", unknown.getString("attempts[0].outcome"));
        assertEquals(List.of("alipay"), unknown.getList("attempts.provider"), "never failed over");
        sandbox.resetSettings();
        // The trade was created although its answer was lost; its payer pays.
        assertEquals("TRADE_SUCCESS", sandbox.pay(APP_ID, id));
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(status(m, id)));
        assertEquals(2600, read(m, id).getInt("amount_captured"));
        assertEquals(id, read(m, id).getString("provider_reference"));
    }

    @Test
    void aCodeNobodyScansExpiresAfterTheTradeIsClosed() {
        var m = Providers.routingTo("alipay");
        JsonPath p = pay(m, body(700, null, null));
        String id = p.getString("id");
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> "failed".equals(status(m, id)));
        JsonPath failed = read(m, id);
        assertEquals("payment_expired", failed.getString("error_code"));
        assertTrue(failed.getList("attempts.operation").contains("void"), failed.getList("attempts.operation").toString());
        // The code no longer pays.
        String qr = p.getString("next_action.data");
        RestAssured.given().get(local(qr)).then().statusCode(410);
    }

    @Test
    void aCloseRefusedBecauseThePayerPaidLeavesThePaymentToBeCaptured() {
        var m = Providers.routingTo("alipay");
        sandbox.update(AlipaySandboxSettings.notifies(true));
        JsonPath p = pay(m, body(4200, null, null));
        String id = p.getString("id");
        payerActs(p.getString("next_action.data"), "pay");
        ConnectorResult close = connector.voidAuthorization(new ConnectorRequests.Void(id, id, "void-" + id, m.id()))
                .await().indefinitely();
        assertEquals(Outcome.DECLINED, close.outcome(), "ACQ.TRADE_STATUS_ERROR");
        ConnectorResult status = connector.status(new ConnectorRequests.Status(id, id, 4200, "CNY", null, m.id()))
                .await().indefinitely();
        assertEquals(Outcome.SUCCEEDED, status.outcome());
        assertEquals(PaymentStage.CAPTURED, status.stage());
        assertEquals(4200L, status.amountCaptured());
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(status(m, id)));
    }

    @Test
    void aPayerWhoCancelsFailsThePayment() {
        var m = Providers.routingTo("alipay");
        JsonPath p = pay(m, body(300, null, null));
        String id = p.getString("id");
        payerActs(p.getString("next_action.data"), "cancel");
        Awaitility.await().atMost(WAIT).until(() -> "failed".equals(status(m, id)));
        assertEquals("TRADE_CLOSED", sandbox.trade(APP_ID, id).get("trade_status"));
    }

    @Test
    void refundsInPartAndInFullAreProcessedAndFoundAgain() throws Exception {
        var m = Providers.routingTo("alipay");
        JsonPath p = pay(m, body(10000, null, null));
        String id = p.getString("id");
        payerActs(p.getString("next_action.data"), "pay");
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(status(m, id)));

        JsonPath partial = m.api().body("{\"amount\":2550}").post("/api/v1/payments/" + id + "/refunds").then()
                .statusCode(201).extract().jsonPath();
        assertEquals("processed", partial.getString("status"));
        String refundId = partial.getString("id");
        assertEquals(refundId, partial.getString("provider_reference"), "out_request_no is Payrail's refund id");
        Map<String, String> sent = sandbox.lastRequest("alipay.trade.refund", id);
        assertEquals("25.50", new JsonPath(sent.get("biz_content")).getString("refund_amount"));
        assertEquals(refundId, new JsonPath(sent.get("biz_content")).getString("out_request_no"));
        assertTrue(AlipaySignature.rsaCheckV2(new HashMap<>(sent), sandboxConfig.appPublicKey(), "UTF-8", "RSA2"));

        m.api().body("{}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("processed")).body("amount", org.hamcrest.Matchers.equalTo(7450));
        assertEquals("TRADE_CLOSED", sandbox.trade(APP_ID, id).get("trade_status"), "refunded in full");
        assertEquals("100.00", sandbox.trade(APP_ID, id).get("refunded"));
        assertEquals(10000, read(m, id).getInt("amount_refunded"));

        ConnectorResult found = connector.refundStatus(new ConnectorRequests.RefundStatus(refundId, id, id, refundId, 2550,
                "CNY", m.id())).await().indefinitely();
        assertEquals(Outcome.SUCCEEDED, found.outcome());
        ConnectorResult none = connector.refundStatus(new ConnectorRequests.RefundStatus("ref_nothere1", id, id, null, 100,
                "CNY", m.id())).await().indefinitely();
        assertEquals(ConnectorResult.NO_RECORD, none.errorCode());
        // The same refund resent: Alipay answers fund_change N, nothing moves twice.
        ConnectorResult resent = connector.refund(new ConnectorRequests.Refund(refundId, id, id, "k", 2550, "CNY", null,
                m.id())).await().indefinitely();
        assertEquals(Outcome.PENDING, resent.outcome());
        assertEquals("100.00", sandbox.trade(APP_ID, id).get("refunded"));
        // A paid-then-refunded trade still reads as captured.
        ConnectorResult status = connector.status(new ConnectorRequests.Status(id, id, 10000, "CNY", null, m.id()))
                .await().indefinitely();
        assertEquals(PaymentStage.CAPTURED, status.stage());
    }

    @Test
    void otherWalletsAndManualCaptureAreRefusedBeforeAnythingIsSent() {
        var w = dev.payrail.connector.PaymentMethodType.WALLET;
        assertEquals(null, connector.refusal(w, "alipay", "qr"));
        assertEquals(null, connector.refusal(w, "alipay", "redirect"));
        assertNotNull(connector.refusal(w, "wechat_pay", null));
        // manual capture: routing refuses it for any provider that offers no capture (PaymentShapes)
        assertFalse(connector.offers(dev.payrail.connector.Operation.CAPTURE));
        String id = "pay_" + Long.toString(System.nanoTime(), 36);
        ConnectorResult manual = connector.authorize(new ConnectorRequests.Authorize(id, null, "k", 100, "CNY", w, null,
                null, "alipay", false, null, null)).await().indefinitely();
        assertEquals(Outcome.NOT_SENT, manual.outcome());
        assertEquals(null, sandbox.lastRequest("alipay.trade.precreate", id), "nothing sent");
    }

    @Test
    void theEmulatorAnswersAlipaysErrorShapes() {
        String missing = RestAssured.given().contentType("application/x-www-form-urlencoded;charset=utf-8")
                .body("method=alipay.trade.query&biz_content=%7B%7D").post("/sandbox/alipay/gateway.do").then()
                .statusCode(200).extract().asString();
        assertTrue(missing.startsWith("{\"alipay_trade_query_response\":{\"code\":\"40001\""), missing);
        assertTrue(missing.contains("isv.missing-app-id"));
        Map<String, String> p = new java.util.TreeMap<>();
        p.put("app_id", APP_ID);
        p.put("method", "alipay.trade.query");
        p.put("charset", "utf-8");
        p.put("sign_type", "RSA2");
        p.put("timestamp", AlipayTime.format(java.time.Instant.now()));
        p.put("version", "1.0");
        p.put("biz_content", "{\"out_trade_no\":\"pay_none\"}");
        p.put("sign", AlipayRsa2.signRequest(p, AlipayKeys.privateKey(AlipayTestKeys.generate().privateKey())));
        String forged = RestAssured.given().contentType("application/x-www-form-urlencoded;charset=utf-8")
                .body(AlipayConnector.form(p)).post("/sandbox/alipay/gateway.do").then().statusCode(200).extract().asString();
        assertTrue(forged.contains("\"code\":\"40002\"") && forged.contains("isv.invalid-signature"), forged);
    }
}
