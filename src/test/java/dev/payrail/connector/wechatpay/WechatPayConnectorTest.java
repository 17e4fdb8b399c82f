package dev.payrail.connector.wechatpay;

import static dev.payrail.connector.wechatpay.WechatPayTestSupport.body;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.pay;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.payer;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.read;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;
import dev.payrail.sandbox.wechatpay.WechatPaySandbox;
import dev.payrail.sandbox.wechatpay.WechatPaySandboxNotifier;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** WeChat Pay through Payrail's API, the connector and the emulator over HTTP, the payer on its page. */
@QuarkusTest
class WechatPayConnectorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    WechatPaySandbox sandbox;
    @Inject
    WechatPayConnector connector;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.dropNotifications(false);
        breakers.resetAll();
    }

    private static List<String> events(String merchantId, String paymentId) {
        return Db.query("SELECT type FROM events WHERE merchant_id = ? AND object_id = ? ORDER BY created_at", merchantId,
                paymentId).stream().map(r -> (String) r.get("type")).toList();
    }

    @Test
    void qrPaymentIsPaidOnThePayerPageNotifiedCapturedAndAnnouncedToTheMerchant() {
        var m = Providers.routingTo("wechat_pay");
        Instant before = Instant.now();
        JsonPath p = pay(m, body(2599, null, null));
        String id = p.getString("id");
        assertEquals("requires_action", p.getString("status"));
        assertEquals("wechat_pay", p.getString("provider"));
        assertEquals("display_qr_code", p.getString("next_action.type"));
        String codeUrl = p.getString("next_action.data");
        assertTrue(codeUrl.contains("/sandbox/wechatpay/bizpayurl?pr="), codeUrl);
        assertTrue(p.getString("next_action.image_data_url").startsWith("data:image/svg+xml;base64,"));
        Instant expires = Instant.parse(p.getString("next_action.expires_at"));
        assertTrue(expires.isAfter(before.plus(Duration.ofMinutes(14))) && expires.isBefore(before.plus(Duration.ofMinutes(16))),
                "time_expire is now + the 15 minute payer window: " + expires);
        String outTradeNo = p.getString("provider_reference");
        assertEquals(read(m, id).getString("attempts[0].id"), outTradeNo, "out_trade_no is the attempt id");

        ConnectorResult waiting = connector.status(new ConnectorRequests.Status(id, outTradeNo, 2599, "CNY", null, m.id()))
                .await().atMost(WAIT);
        assertEquals(Outcome.PENDING, waiting.outcome(), "a code nobody scanned is not a failure");

        RestAssured.given().get(codeUrl).then().statusCode(200).body(containsString("¥25.99"))
                .body(containsString(outTradeNo));
        payer(codeUrl, "pay", 200);
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(read(m, id).getString("status")));
        JsonPath captured = read(m, id);
        assertEquals(2599, captured.getInt("amount_captured"));
        assertEquals(null, (Object) captured.get("next_action"));
        Awaitility.await().atMost(WAIT).until(() -> events(m.id(), id).contains("payment.captured"));
        assertEquals(1, Db.query("SELECT 1 FROM provider_events WHERE provider = 'wechat_pay' AND provider_reference = ?",
                outTradeNo).size(), "one TRANSACTION.SUCCESS notification stored");
    }

    @Test
    void h5PaymentRedirectsWithOurReturnUrlAsRedirectUrl() {
        var m = Providers.routingTo("wechat_pay");
        JsonPath p = pay(m, body(1000, "redirect", "https://merchant.example/done?o=1"));
        assertEquals("requires_action", p.getString("status"));
        assertEquals("redirect_to_url", p.getString("next_action.type"));
        String url = p.getString("next_action.url");
        assertTrue(url.contains("/sandbox/wechatpay/checkmweb?prepay_id=wx"), url);
        assertTrue(url.endsWith("&redirect_url=https%3A%2F%2Fmerchant.example%2Fdone%3Fo%3D1"), url);
        assertEquals("https://merchant.example/done?o=1", p.getString("next_action.return_url"));
        String page = payer(url, "pay", 200);
        assertTrue(page.contains("trade_state: SUCCESS"), page);
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(read(m, p.getString("id")).getString("status")));
    }

    @Test
    void aLostNotificationIsSettledByTheReconcilersStatusQuery() {
        var m = Providers.routingTo("wechat_pay");
        JsonPath p = pay(m, body(800, "qr", null));
        String id = p.getString("id");
        sandbox.dropNotifications(true);
        payer(p.getString("next_action.data"), "pay", 200);
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(read(m, id).getString("status")));
        assertEquals(800, read(m, id).getInt("amount_captured"));
        assertTrue(Db.query("SELECT 1 FROM provider_events WHERE provider = 'wechat_pay' AND provider_reference = ?",
                p.getString("provider_reference")).isEmpty(), "no notification arrived: the reconciler asked");
        Awaitility.await().atMost(WAIT).until(() -> events(m.id(), id).contains("payment.captured"));
    }

    @Test
    void aFailedPaymentIsDeclinedByTheStatusQuery() {
        var m = Providers.routingTo("wechat_pay");
        JsonPath p = pay(m, body(700, null, null));
        payer(p.getString("next_action.data"), "fail", 200);
        Awaitility.await().atMost(WAIT).until(() -> "failed".equals(read(m, p.getString("id")).getString("status")));
    }

    @Test
    void closingAPaidOrderIsRefusedAndItsStatusIsCaptured() {
        var m = Providers.routingTo("wechat_pay");
        sandbox.dropNotifications(true);
        JsonPath p = pay(m, body(1500, null, null));
        String ref = p.getString("provider_reference");
        payer(p.getString("next_action.data"), "pay", 200);
        ConnectorResult close = connector.voidAuthorization(new ConnectorRequests.Void(p.getString("id"), ref, "att_close"
                + Long.toString(System.nanoTime(), 36), m.id())).await().atMost(WAIT);
        assertEquals(Outcome.DECLINED, close.outcome());
        assertEquals("order_paid", close.errorCode());
        ConnectorResult status = connector.status(new ConnectorRequests.Status(p.getString("id"), ref, 1500, "CNY", null,
                m.id())).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, status.outcome());
        assertEquals(PaymentStage.CAPTURED, status.stage());
        assertEquals(1500L, status.amountCaptured());
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(read(m, p.getString("id")).getString("status")));
    }

    @Test
    void anUnknownOrderHasNoRecordAndAnUnpaidOneCloses() {
        var m = Providers.routingTo("wechat_pay");
        ConnectorResult none = connector.status(new ConnectorRequests.Status("pay_x", null, 100, "CNY",
                "att_" + Long.toString(System.nanoTime(), 36), m.id())).await().atMost(WAIT);
        assertEquals(ConnectorResult.NO_RECORD, none.errorCode());
        JsonPath p = pay(m, body(300, null, null));
        String ref = p.getString("provider_reference");
        ConnectorResult close = connector.voidAuthorization(new ConnectorRequests.Void(p.getString("id"), ref, "att_c", m.id()))
                .await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, close.outcome());
        ConnectorResult again = connector.voidAuthorization(new ConnectorRequests.Void(p.getString("id"), ref, "att_d", m.id()))
                .await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, again.outcome(), "ORDER_CLOSED: it is closed");
        ConnectorResult closed = connector.status(new ConnectorRequests.Status(p.getString("id"), ref, 300, "CNY", null,
                m.id())).await().atMost(WAIT);
        assertEquals(Outcome.DECLINED, closed.outcome());
        assertEquals(PaymentStage.FAILED, closed.stage());
        payer(p.getString("next_action.data"), "pay", 409);
    }

    @Test
    void captureAndManualCaptureAreNotOffered() {
        var m = Providers.routingTo("wechat_pay");
        JsonPath p = pay(m, body(900, null, null));
        m.api().body("{}").post("/api/v1/payments/" + p.getString("id") + "/capture").then().statusCode(422)
                .body("code", equalTo("OPERATION_NOT_SUPPORTED"));
        String manual = body(900, null, null).replace("\"provider\"", "\"capture\":\"manual\",\"provider\"");
        JsonPath refused = m.api().body(manual).post("/api/v1/payments").then().extract().jsonPath();
        assertFalse("requires_action".equals(refused.getString("status")), "a sale cannot wait for a capture");
    }

    @Test
    void refundsInPartAndInFullSettleWithTheirNotificationsAndStatusQueries() {
        var m = Providers.routingTo("wechat_pay");
        JsonPath p = pay(m, body(5000, null, null));
        String id = p.getString("id");
        payer(p.getString("next_action.data"), "pay", 200);
        Awaitility.await().atMost(WAIT).until(() -> "captured".equals(read(m, id).getString("status")));

        JsonPath partial = m.api().body("{\"amount\":1200,\"reason\":\"one item back\"}").post("/api/v1/payments/" + id + "/refunds")
                .then().statusCode(201).extract().jsonPath();
        String refundId = partial.getString("id");
        assertEquals("pending", partial.getString("status"), "WeChat Pay answers PROCESSING");
        assertTrue(partial.getString("provider_reference").startsWith("50000"), partial.getString("provider_reference"));
        Awaitility.await().atMost(WAIT).until(() -> "processed".equals(refund(m, id, refundId).get("status")));

        ConnectorResult status = connector.refundStatus(new ConnectorRequests.RefundStatus(refundId, id,
                p.getString("provider_reference"), null, 1200, "CNY", m.id())).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, status.outcome());
        assertEquals(partial.getString("provider_reference"), status.providerReference());
        ConnectorResult none = connector.refundStatus(new ConnectorRequests.RefundStatus("rfnd_" + Long.toString(System.nanoTime(), 36),
                id, p.getString("provider_reference"), null, 1, "CNY", m.id())).await().atMost(WAIT);
        assertEquals(ConnectorResult.NO_RECORD, none.errorCode());

        m.api().body("{\"amount\":4000}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(400);
        JsonPath rest = m.api().body("{\"amount\":3800}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .extract().jsonPath();
        Awaitility.await().atMost(WAIT).until(() -> "processed".equals(refund(m, id, rest.getString("id")).get("status")));
        Awaitility.await().atMost(WAIT).until(() -> read(m, id).getInt("amount_refunded") == 5000);
        assertEquals("refunded", read(m, id).getString("status"));
    }

    private static Map<String, Object> refund(Providers.Merchant m, String paymentId, String refundId) {
        List<Map<String, Object>> all = m.api().get("/api/v1/payments/" + paymentId + "/refunds").then().statusCode(200)
                .extract().jsonPath().getList("data");
        return all.stream().filter(r -> refundId.equals(r.get("id"))).findFirst().orElseThrow();
    }

    @Test
    void aMerchantsOwnAccountIsUsedAndItsNotificationsAreRefusedElsewhere() {
        var a = Providers.routingTo("wechat_pay");
        var b = Providers.routingTo("wechat_pay");
        var ownA = WechatPayTestSupport.ownAccount(sandbox, a);
        WechatPayTestSupport.ownAccount(sandbox, b);
        a.api().get("/api/v1/providers").then().statusCode(200)
                .body(not(containsString(ownA.apiV3Key())))
                .body(not(containsString("PRIVATE KEY")));

        JsonPath p = pay(a, body(4200, null, null));
        String ref = p.getString("provider_reference");
        assertNotNull(ref);
        // A's paid transaction, encrypted for A and signed by the platform, sent to B's endpoint: refused.
        Map<String, Object> tx = Map.of("mchid", ownA.mchid(), "appid", WechatPayTestSupport.SANDBOX_APPID,
                "out_trade_no", ref, "transaction_id", "4200000000000000000000000001", "trade_state", "SUCCESS",
                "amount", Map.of("total", 4200, "currency", "CNY"));
        var n = WechatPaySandboxNotifier.build("unused", "TRANSACTION.SUCCESS", "支付成功", "transaction", tx,
                ownA.apiV3Key().getBytes(), WechatPayTestSupport.platformKey(), WechatPayTestSupport.PLATFORM_SERIAL,
                Instant.now().getEpochSecond());
        WechatPaySdkCrossCheckTest.post("/webhooks/wechat_pay/" + b.id(), n.headers(), n.body()).then().statusCode(401);
        WechatPaySdkCrossCheckTest.post("/webhooks/wechat_pay", n.headers(), n.body()).then().statusCode(401);
        assertEquals("requires_action", read(a, p.getString("id")).getString("status"));
        // At A's own endpoint it is A's.
        WechatPaySdkCrossCheckTest.post("/webhooks/wechat_pay/" + a.id(), n.headers(), n.body()).then().statusCode(200);
        assertEquals("captured", read(a, p.getString("id")).getString("status"));
    }

    @Test
    void aMerchantSerialWeChatDoesNotKnowIsRefusedAsSignError() {
        var m = Providers.routingTo("wechat_pay");
        var own = WechatPayTestSupport.ownAccount(sandbox, m);
        sandbox.register(own.mchid(), WechatPayTestSupport.SANDBOX_APPID, own.serial() + "X",
                java.util.Base64.getEncoder().encodeToString(own.keys().getPublic().getEncoded()), own.apiV3Key());
        JsonPath p = m.api().body(body(100, null, null)).post("/api/v1/payments").then().statusCode(503).extract().jsonPath();
        assertEquals("failed", p.getString("payment_status"), "401 SIGN_ERROR: nothing was charged");
        JsonPath failed = read(m, p.getString("payment_id"));
        assertEquals("provider_authentication_failed", failed.getString("attempts[0].error_code"), failed.prettify());
    }

    @Test
    void anAdminRegistersAMerchantWithTheEmulatorAndLearnsThePlatformKey() {
        String key = java.util.Base64.getEncoder().encodeToString(WechatPayTestSupport.rsa().getPublic().getEncoded());
        dev.payrail.support.Api.admin().body("{\"appid\":\"wxd678efh567hg6787\",\"merchant_serial_no\":\"ADMINSERIAL\","
                + "\"merchant_public_key\":\"" + key + "\",\"api_v3_key\":\"abcdefghijklmnopqrstuvwxyzABCDEF\"}")
                .put("/admin/v1/sandbox/wechatpay/merchants/1900000777").then().statusCode(200)
                .body("platform_serial_no", equalTo(WechatPayTestSupport.PLATFORM_SERIAL))
                .body("platform_public_key", equalTo(WechatPayTestSupport.platformPublicKey()));
        dev.payrail.support.Api.admin().body("{\"appid\":\"x\",\"merchant_serial_no\":\"S\",\"merchant_public_key\":\"" + key
                + "\",\"api_v3_key\":\"short\"}").put("/admin/v1/sandbox/wechatpay/merchants/1900000778").then().statusCode(400);
    }
}
