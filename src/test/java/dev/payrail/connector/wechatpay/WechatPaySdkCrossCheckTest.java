package dev.payrail.connector.wechatpay;

import static dev.payrail.connector.wechatpay.WechatPayTestSupport.PLATFORM_SERIAL;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.SANDBOX_API_V3_KEY;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.SANDBOX_APPID;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.SANDBOX_MCHID;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.SANDBOX_SERIAL;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.body;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.pay;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.read;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.core.auth.WechatPay2Credential;
import com.wechat.pay.java.core.auth.WechatPay2Validator;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.core.util.NonceUtil;
import com.wechat.pay.java.core.util.PemUtil;

import dev.payrail.sandbox.wechatpay.WechatPaySandboxNotifier;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Payrail's WeChat Pay signatures and notifications against the official SDK (wechatpay-java 0.2.17):
 * the SDK verifies Payrail's request signatures and the emulator's answers and notifications; the
 * emulator takes the SDK's signed requests; Payrail takes notifications made with the SDK's signer and
 * cipher, and refuses tampered, foreign, stale and undecryptable ones without changing anything.
 */
@QuarkusTest
class WechatPaySdkCrossCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WechatPayConnector connector;

    static Response post(String path, Map<String, String> headers, byte[] body) {
        return RestAssured.given().contentType("application/json").headers(headers).body(body).post(path);
    }

    @Test
    void theSdkVerifiesPayrailsRequestSignature() {
        WechatPayAccount account = WechatPayAccount.of(connector.platformCredentials());
        String json = "{\"appid\":\"" + SANDBOX_APPID + "\",\"mchid\":\"" + SANDBOX_MCHID + "\",\"description\":\"商品\"}";
        for (WechatPayCall call : new WechatPayCall[] { WechatPayCall.of(WechatPayCall.Kind.NATIVE, account, "att_x1", json),
                WechatPayCall.of(WechatPayCall.Kind.QUERY, account, "att_x1", null) }) {
            Map<String, String> f = WechatPaySignature.parseAuthorization(connector.authorization(call));
            assertEquals(SANDBOX_MCHID, f.get("mchid"));
            assertEquals(SANDBOX_SERIAL, f.get("serial_no"));
            assertEquals(32, f.get("nonce_str").length());
            String message = call.method() + "\n/sandbox/wechatpay" + call.canonicalPath() + "\n" + f.get("timestamp") + "\n"
                    + f.get("nonce_str") + "\n" + (call.body() == null ? "" : call.body()) + "\n";
            RSAVerifier sdk = new RSAVerifier(PemUtil.loadPublicKeyFromString(
                    WechatPayTestSupport.config("payrail.sandbox.wechatpay.merchant-public-key")), SANDBOX_SERIAL);
            assertTrue(sdk.verify(SANDBOX_SERIAL, message, f.get("signature")), call.kind() + " signature");
            assertTrue(!sdk.verify(SANDBOX_SERIAL, message.replace("\n" + f.get("timestamp") + "\n", "\n1\n"), f.get("signature")));
        }
    }

    @Test
    void theEmulatorTakesTheSdksSignedRequestAndTheSdkValidatesItsAnswer() {
        String outTradeNo = "sdk" + Long.toString(System.nanoTime(), 36);
        String json = "{\"appid\":\"" + SANDBOX_APPID + "\",\"mchid\":\"" + SANDBOX_MCHID + "\",\"description\":\"SDK order\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"https://merchant.example/notify\","
                + "\"amount\":{\"total\":1,\"currency\":\"CNY\"}}";
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/sandbox/wechatpay/v3/pay/transactions/native");
        WechatPay2Credential credential = new WechatPay2Credential(SANDBOX_MCHID,
                new RSASigner(SANDBOX_SERIAL, WechatPayTestSupport.sandboxMerchantKey()));
        Response answer = RestAssured.given().contentType("application/json").header("Authorization",
                credential.getAuthorization(uri, "POST", json)).body(json).post(uri.getPath());
        assertEquals(200, answer.statusCode(), answer.asString());
        String body = answer.asString();
        assertTrue(body.contains("code_url"), body);
        WechatPay2Validator validator = new WechatPay2Validator(
                new RSAVerifier(PemUtil.loadPublicKeyFromString(WechatPayTestSupport.platformPublicKey()), PLATFORM_SERIAL));
        assertTrue(validator.validate(headers(answer), body), "the SDK validates the emulator's signature");
        assertTrue(!validator.validate(headers(answer), body.replace("code_url", "code_urk")));

        // The same order again: the same code_url; other parameters: 201 商户订单号重复.
        Response again = RestAssured.given().contentType("application/json").header("Authorization",
                credential.getAuthorization(uri, "POST", json)).body(json).post(uri.getPath());
        assertEquals(body, again.asString());
        String other = json.replace("\"total\":1", "\"total\":2");
        RestAssured.given().contentType("application/json").header("Authorization",
                credential.getAuthorization(uri, "POST", other)).body(other).post(uri.getPath()).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", equalTo("201 商户订单号重复"));
        // A signature over another body: 401 SIGN_ERROR.
        RestAssured.given().contentType("application/json").header("Authorization",
                credential.getAuthorization(uri, "POST", json)).body(other).post(uri.getPath()).then().statusCode(401)
                .body("code", equalTo("SIGN_ERROR"));
        // The query answer, validated by the SDK too; an unknown order is 404 ORDER_NOT_EXIST.
        URI query = URI.create("http://localhost:" + RestAssured.port + "/sandbox/wechatpay/v3/pay/transactions/out-trade-no/"
                + outTradeNo + "?mchid=" + SANDBOX_MCHID);
        Response tx = RestAssured.given().urlEncodingEnabled(false).header("Authorization",
                credential.getAuthorization(query, "GET", null)).get(query.getPath() + "?" + query.getRawQuery());
        assertEquals(200, tx.statusCode(), tx.asString());
        assertEquals("NOTPAY", tx.jsonPath().getString("trade_state"));
        assertTrue(validator.validate(headers(tx), tx.asString()));
        URI missing = URI.create(query.toString().replace(outTradeNo, outTradeNo + "zz"));
        RestAssured.given().urlEncodingEnabled(false).header("Authorization", credential.getAuthorization(missing, "GET", null))
                .get(missing.getPath() + "?" + missing.getRawQuery()).then().statusCode(404)
                .body("code", equalTo("ORDER_NOT_EXIST"));
    }

    private static HttpHeaders headers(Response r) {
        HttpHeaders h = new HttpHeaders();
        for (String name : new String[] { "Wechatpay-Serial", "Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce",
                "Request-ID" }) {
            h.addHeader(name, r.header(name));
        }
        return h;
    }

    @Test
    void theSdksNotificationParserReadsTheEmulatorsNotification() {
        Map<String, Object> tx = Map.of("mchid", SANDBOX_MCHID, "out_trade_no", "att_sdkparse", "trade_state", "SUCCESS",
                "amount", Map.of("total", 88, "currency", "CNY"));
        var n = WechatPaySandboxNotifier.build("unused", "TRANSACTION.SUCCESS", "支付成功", "transaction", tx,
                SANDBOX_API_V3_KEY.getBytes(StandardCharsets.UTF_8), WechatPayTestSupport.platformKey(), PLATFORM_SERIAL,
                Instant.now().getEpochSecond());
        NotificationParser parser = new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(WechatPayTestSupport.platformPublicKey()).publicKeyId(PLATFORM_SERIAL).apiV3Key(SANDBOX_API_V3_KEY)
                .build());
        Map<?, ?> parsed = parser.parse(new RequestParam.Builder().serialNumber(n.headers().get("Wechatpay-Serial"))
                .nonce(n.headers().get("Wechatpay-Nonce")).signature(n.headers().get("Wechatpay-Signature"))
                .timestamp(n.headers().get("Wechatpay-Timestamp")).signType(n.headers().get("Wechatpay-Signature-Type"))
                .body(new String(n.body(), StandardCharsets.UTF_8)).build(), Map.class);
        assertEquals("att_sdkparse", parsed.get("out_trade_no"));
        assertEquals("SUCCESS", parsed.get("trade_state"));
    }

    /** A TRANSACTION.SUCCESS notification made with the SDK's cipher and signer only. */
    private static Map<String, Object> sdkNotification(String outTradeNo, long total, long timestamp, String serial,
            boolean badTag, String signatureOverride) throws Exception {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("appid", SANDBOX_APPID);
        plain.put("mchid", SANDBOX_MCHID);
        plain.put("out_trade_no", outTradeNo);
        plain.put("transaction_id", "4200001234202512020000000001");
        plain.put("trade_type", "NATIVE");
        plain.put("trade_state", "SUCCESS");
        plain.put("trade_state_desc", "支付成功");
        plain.put("success_time", "2026-12-02T18:00:00+08:00");
        plain.put("amount", Map.of("total", total, "payer_total", total, "currency", "CNY", "payer_currency", "CNY"));
        String nonce = NonceUtil.createNonce(12);
        String ciphertext = new AeadAesCipher(SANDBOX_API_V3_KEY.getBytes(StandardCharsets.UTF_8))
                .encrypt("transaction".getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(plain));
        if (badTag) {
            byte[] raw = java.util.Base64.getDecoder().decode(ciphertext);
            raw[raw.length - 1] ^= 1;
            ciphertext = java.util.Base64.getEncoder().encodeToString(raw);
        }
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("original_type", "transaction");
        resource.put("algorithm", "AEAD_AES_256_GCM");
        resource.put("ciphertext", ciphertext);
        resource.put("associated_data", "transaction");
        resource.put("nonce", nonce);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", java.util.UUID.randomUUID().toString());
        body.put("create_time", "2026-12-02T18:00:01+08:00");
        body.put("resource_type", "encrypt-resource");
        body.put("event_type", "TRANSACTION.SUCCESS");
        body.put("summary", "支付成功");
        body.put("resource", resource);
        String raw = JSON.writeValueAsString(body);
        String headerNonce = NonceUtil.createNonce(32);
        String signature = new RSASigner(PLATFORM_SERIAL, WechatPayTestSupport.platformKey())
                .sign(timestamp + "\n" + headerNonce + "\n" + raw + "\n").getSign();
        Map<String, String> headers = new HashMap<>();
        headers.put("Wechatpay-Serial", serial);
        headers.put("Wechatpay-Timestamp", Long.toString(timestamp));
        headers.put("Wechatpay-Nonce", headerNonce);
        headers.put("Wechatpay-Signature", signatureOverride != null ? signatureOverride : signature);
        headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        return Map.of("headers", headers, "body", raw);
    }

    @SuppressWarnings("unchecked")
    private static int deliver(Map<String, Object> n, String tamperFrom, String tamperTo) {
        String body = (String) n.get("body");
        if (tamperFrom != null) {
            body = body.replace(tamperFrom, tamperTo);
        }
        return post("/webhooks/wechat_pay", (Map<String, String>) n.get("headers"), body.getBytes(StandardCharsets.UTF_8))
                .statusCode();
    }

    @Test
    void payrailTakesTheSdksNotificationAndRefusesTamperedForeignStaleAndUndecryptableOnes() throws Exception {
        var m = Providers.routingTo("wechat_pay");
        var p = pay(m, body(6600, null, null));
        String id = p.getString("id");
        String ref = p.getString("provider_reference");
        long now = Instant.now().getEpochSecond();

        assertEquals(401, deliver(sdkNotification(ref, 6600, now, PLATFORM_SERIAL, false, null), "支付成功\"", "支付成功 \""),
                "a body other than the one signed");
        assertEquals(401, deliver(sdkNotification(ref, 6600, now, "PUB_KEY_ID_UNKNOWN", false, null), null, null),
                "an unknown serial");
        assertEquals(401, deliver(sdkNotification(ref, 6600, now - 6 * 60, PLATFORM_SERIAL, false, null), null, null),
                "six minutes old (the SDK's parser would take it)");
        assertEquals(401, deliver(sdkNotification(ref, 6600, now + 6 * 60, PLATFORM_SERIAL, false, null), null, null),
                "six minutes ahead");
        assertEquals(401, deliver(sdkNotification(ref, 6600, now, PLATFORM_SERIAL, true, null), null, null),
                "a resource whose AEAD tag does not match");
        assertEquals(401, deliver(sdkNotification(ref, 6600, now, PLATFORM_SERIAL, false, "WECHATPAY/SIGNTEST/abc"), null,
                null), "WeChat Pay's signature probe");
        assertEquals("requires_action", read(m, id).getString("status"), "nothing changed");
        assertTrue(Db.query("SELECT 1 FROM provider_events WHERE provider = 'wechat_pay' AND provider_reference = ?", ref)
                .isEmpty(), "nothing stored");

        var good = sdkNotification(ref, 6600, now, PLATFORM_SERIAL, false, null);
        assertEquals(200, deliver(good, null, null));
        assertEquals("captured", read(m, id).getString("status"));
        assertEquals(6600, read(m, id).getInt("amount_captured"));
        assertEquals(200, deliver(good, null, null), "a repeat is a duplicate");
        assertEquals(1, Db.query("SELECT 1 FROM provider_events WHERE provider = 'wechat_pay' AND provider_reference = ?", ref)
                .size());
    }
}
