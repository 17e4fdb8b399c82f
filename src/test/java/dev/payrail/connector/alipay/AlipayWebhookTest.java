package dev.payrail.connector.alipay;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;

import dev.payrail.sandbox.alipay.AlipaySandbox;
import dev.payrail.sandbox.alipay.AlipaySandboxConfig;
import dev.payrail.sandbox.alipay.AlipaySandboxSettings;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Alipay notifies at {@code /webhooks/alipay[/{merchantId}]}: signed with Alipay's SDK and accepted
 * (answered {@code success}); tampered, stale, of another app or addressed to another merchant's
 * endpoint refused with nothing changed. Alipay's SDK client also talks to the emulator: the emulator
 * accepts its signatures and it accepts the emulator's.
 */
@QuarkusTest
class AlipayWebhookTest {

    @Inject
    AlipaySandbox sandbox;
    @Inject
    AlipaySandboxConfig sandboxConfig;
    @Inject
    AlipayConfig config;
    @Inject
    AlipayConnector connector;
    @Inject
    dev.payrail.sandbox.alipay.AlipaySandboxNotifier notifier;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
    }

    private Map<String, String> notify(String appId, String outTradeNo, String total, Instant at) {
        Map<String, String> n = new TreeMap<>();
        n.put("notify_time", AlipayTime.format(at));
        n.put("notify_type", "trade_status_sync");
        n.put("notify_id", "sdk" + Long.toString(System.nanoTime(), 36));
        n.put("app_id", appId);
        n.put("auth_app_id", appId);
        n.put("charset", "utf-8");
        n.put("version", "1.0");
        n.put("trade_no", "2026120222001" + String.format("%015d", System.nanoTime() % 1_000_000_000_000_000L));
        n.put("out_trade_no", outTradeNo);
        n.put("trade_status", "TRADE_SUCCESS");
        n.put("total_amount", total);
        n.put("receipt_amount", total);
        n.put("subject", "Payrail payment");
        n.put("gmt_payment", AlipayTime.format(at));
        return n;
    }

    /** Signed as Alipay does, with the SDK: rsaSign over getSignCheckContentV1 with the emulator's Alipay key. */
    private Map<String, String> sdkSigned(Map<String, String> n) throws Exception {
        Map<String, String> signed = new TreeMap<>(n);
        String content = AlipaySignature.getSignCheckContentV1(new HashMap<>(n));
        signed.put("sign_type", "RSA2");
        signed.put("sign", AlipaySignature.rsaSign(content, sandboxConfig.alipayPrivateKey(), "UTF-8", "RSA2"));
        return signed;
    }

    private static ValidatableResponse post(String path, Map<String, String> form) {
        return RestAssured.given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body(AlipayConnector.form(form)).post(path).then();
    }

    private static String status(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().path("status");
    }

    private static String qrPayment(Providers.Merchant m, long amount) {
        return m.api().body(AlipayConnectorTest.body(amount, null, null)).post("/api/v1/payments").then().statusCode(201)
                .body("status", equalTo("requires_action")).extract().path("id");
    }

    @Test
    void anSdkSignedNotifyCapturesAndForgeriesChangeNothing() throws Exception {
        var m = Providers.routingTo("alipay");
        String id = qrPayment(m, 6600);
        String app = AlipayConnectorTest.APP_ID;
        Instant now = Instant.now();

        Map<String, String> tampered = sdkSigned(notify(app, id, "66.00", now));
        tampered.put("total_amount", "0.01");
        post("/webhooks/alipay", tampered).statusCode(401).contentType(org.hamcrest.Matchers.containsString("problem+json"));
        post("/webhooks/alipay", sdkSigned(notify(app, id, "66.00", now.minus(Duration.ofMinutes(20))))).statusCode(401);
        post("/webhooks/alipay", sdkSigned(notify("2021000100000002", id, "66.00", now))).statusCode(401);
        Map<String, String> unsigned = notify(app, id, "66.00", now);
        unsigned.put("sign_type", "RSA2");
        post("/webhooks/alipay", unsigned).statusCode(401);
        Map<String, String> wrongKey = new TreeMap<>(notify(app, id, "66.00", now));
        wrongKey.put("sign_type", "RSA2");
        wrongKey.put("sign", AlipaySignature.rsaSign(AlipaySignature.getSignCheckContentV1(new HashMap<>(wrongKey)),
                AlipayTestKeys.generate().privateKey(), "UTF-8", "RSA2"));
        post("/webhooks/alipay", wrongKey).statusCode(401);
        assertEquals("requires_action", status(m, id), "nothing changed");

        Map<String, String> noSeller = sdkSigned(notify(app, id, "66.00", now));
        post("/webhooks/alipay", noSeller).statusCode(401); // the platform app names its seller id
        Map<String, String> withSeller = notify(app, id, "66.00", now);
        withSeller.put("seller_id", config.sellerId().orElseThrow());
        Map<String, String> good = sdkSigned(withSeller);
        String answer = post("/webhooks/alipay", good).statusCode(200).extract().asString();
        assertEquals("success", answer);
        assertEquals("captured", status(m, id));
        assertEquals("success", post("/webhooks/alipay", good).statusCode(200).extract().asString(), "a resend is acknowledged");
    }

    @Test
    void aMerchantsOwnAppNotifiesOnlyItsOwnEndpoint() throws Exception {
        AlipayTestKeys.Pair keys = AlipayTestKeys.generate();
        String appId = AlipayTestKeys.id("2021");
        String seller = AlipayTestKeys.id("2088");
        sandbox.registerApp(appId, keys.publicKey(), seller);
        var a = Providers.routingTo("alipay");
        a.api().body(Map.of("app_id", appId, "private_key", keys.privateKey(), "alipay_public_key",
                config.alipayPublicKey().orElseThrow(), "seller_id", seller))
                .put("/api/v1/providers/alipay/credentials").then().statusCode(200).body("has_credentials", equalTo(true));
        String listing = a.api().get("/api/v1/providers").then().statusCode(200).extract().asString();
        assertTrue(listing.contains("\"alipay\""), listing);
        assertFalse(listing.contains(keys.privateKey().substring(40, 80)), "no secret in the listing");

        AlipayTestKeys.Pair otherKeys = AlipayTestKeys.generate();
        String otherApp = AlipayTestKeys.id("2021");
        sandbox.registerApp(otherApp, otherKeys.publicKey(), null);
        var b = Providers.routingTo("alipay");
        b.api().body(Map.of("app_id", otherApp, "private_key", otherKeys.privateKey(), "alipay_public_key",
                config.alipayPublicKey().orElseThrow())).put("/api/v1/providers/alipay/credentials").then().statusCode(200);

        sandbox.update(AlipaySandboxSettings.notifies(true));
        String id = qrPayment(a, 1234);
        Map<String, String> sent = sandbox.lastRequest("alipay.trade.precreate", id);
        assertEquals(appId, sent.get("app_id"), "the merchant's own app");
        assertTrue(sent.get("notify_url").endsWith("/webhooks/alipay/" + a.id()), sent.get("notify_url"));
        assertTrue(AlipaySignature.rsaCheckV2(new HashMap<>(sent), keys.publicKey(), "UTF-8", "RSA2"));

        Map<String, String> n = notify(appId, id, "12.34", Instant.now());
        n.put("seller_id", seller);
        Map<String, String> signed = sdkSigned(n);
        post("/webhooks/alipay/" + b.id(), signed).statusCode(401);
        post("/webhooks/alipay", signed).statusCode(401);
        Map<String, String> otherSeller = new TreeMap<>(n);
        otherSeller.put("seller_id", AlipayTestKeys.id("2088"));
        post("/webhooks/alipay/" + a.id(), sdkSigned(otherSeller)).statusCode(401);
        // B's own app naming A's payment: verified for B, but A's payment is not B's.
        post("/webhooks/alipay/" + b.id(), sdkSigned(notify(otherApp, id, "12.34", Instant.now()))).statusCode(200);
        assertEquals("requires_action", status(a, id), "nothing changed");

        assertEquals("success", post("/webhooks/alipay/" + a.id(), signed).statusCode(200).extract().asString());
        assertEquals("captured", status(a, id));
    }

    @Test
    void anAcknowledgedNotifyIsNotResentAndARefusedOneIsRetried() throws Exception {
        var m = Providers.routingTo("alipay");
        String id = qrPayment(m, 900);
        assertEquals("TRADE_SUCCESS", sandbox.pay(AlipayConnectorTest.APP_ID, id));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "captured".equals(status(m, id)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> notifier.acknowledged(id) == 1);
        Thread.sleep(1500); // past the first retry (0.5 s in tests)
        assertEquals(1, notifier.tries(id), "acknowledged with success: sent once");

        // A merchant rotates to a wrong Alipay public key: the notify is refused (401) and Alipay retries;
        // once the right key is back, the retry is accepted.
        AlipayTestKeys.Pair keys = AlipayTestKeys.generate();
        String appId = AlipayTestKeys.id("2021");
        sandbox.registerApp(appId, keys.publicKey(), null);
        var a = Providers.routingTo("alipay");
        Map<String, String> good = Map.of("app_id", appId, "private_key", keys.privateKey(), "alipay_public_key",
                config.alipayPublicKey().orElseThrow());
        a.api().body(good).put("/api/v1/providers/alipay/credentials").then().statusCode(200);
        String paid = qrPayment(a, 1500);
        a.api().body(Map.of("app_id", appId, "private_key", keys.privateKey(), "alipay_public_key",
                AlipayTestKeys.generate().publicKey())).put("/api/v1/providers/alipay/credentials").then().statusCode(200);
        sandbox.pay(appId, paid);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> notifier.tries(paid) >= 2);
        assertEquals(0, notifier.acknowledged(paid), "refused, then retried");
        assertEquals("requires_action", status(a, paid));
        a.api().body(good).put("/api/v1/providers/alipay/credentials").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "captured".equals(status(a, paid)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> notifier.acknowledged(paid) == 1);
    }

    @Test
    void alipaysSdkClientAndTheEmulatorAcceptEachOthersSignatures() throws Exception {
        AlipayClient client = new DefaultAlipayClient(connector.gatewayUrl(), AlipayConnectorTest.APP_ID,
                config.privateKey().orElseThrow(), "json", "utf-8", config.alipayPublicKey().orElseThrow(), "RSA2");
        String outTradeNo = "sdk_" + Long.toString(System.nanoTime(), 36);
        AlipayTradePrecreateRequest create = new AlipayTradePrecreateRequest();
        create.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\",\"total_amount\":\"12.50\",\"subject\":\"SDK 测试\"}");
        AlipayTradePrecreateResponse created = client.execute(create);
        assertTrue(created.isSuccess(), created.getBody());
        assertTrue(created.getQrCode().contains("/sandbox/alipay/qr/"), created.getQrCode());

        AlipayTradeQueryRequest query = new AlipayTradeQueryRequest();
        query.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\"}");
        AlipayTradeQueryResponse notScanned = client.execute(query);
        assertFalse(notScanned.isSuccess());
        assertEquals("40004", notScanned.getCode());
        assertEquals("ACQ.TRADE_NOT_EXIST", notScanned.getSubCode());

        sandbox.pay(AlipayConnectorTest.APP_ID, outTradeNo);
        AlipayTradeQueryResponse paid = client.execute(query);
        assertTrue(paid.isSuccess(), paid.getBody());
        assertEquals("TRADE_SUCCESS", paid.getTradeStatus());
        assertEquals("12.50", paid.getTotalAmount());
    }
}
