package dev.payrail.connector.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.alipay.api.internal.parser.json.JsonConverter;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;

import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;

/**
 * Payrail's RSA2 texts and signatures against Alipay's official SDK (alipay-sdk-java 4.40.734.ALL):
 * request signing, notify verification, and the response object the signature covers.
 */
class AlipaySignatureTest {

    private static final AlipayTestKeys.Pair APP = AlipayTestKeys.generate();
    private static final AlipayTestKeys.Pair ALIPAY = AlipayTestKeys.generate();

    private static Map<String, String> request() {
        Map<String, String> p = new TreeMap<>();
        p.put("app_id", "2021000100000001");
        p.put("method", "alipay.trade.precreate");
        p.put("format", "JSON");
        p.put("charset", "utf-8");
        p.put("sign_type", "RSA2");
        p.put("timestamp", "2026-12-02 18:00:00");
        p.put("version", "1.0");
        p.put("notify_url", "https://payrail.example/webhooks/alipay");
        p.put("biz_content", "{\"out_trade_no\":\"pay_abc\",\"total_amount\":\"88.88\",\"subject\":\"Café 咖啡 & more=1\"}");
        p.put("empty", "");
        return p;
    }

    @Test
    void theSdkVerifiesPayrailsRequestSignatures() throws Exception {
        Map<String, String> p = request();
        p.put("sign", AlipayRsa2.signRequest(p, AlipayKeys.privateKey(APP.privateKey())));
        Map<String, String> withoutSign = new HashMap<>(p);
        withoutSign.remove("sign");
        assertEquals(AlipaySignature.getSignContent(withoutSign), AlipayRsa2.requestContent(p),
                "the SDK's request sign content: every non-empty parameter but sign, sign_type included");
        // A request is signed with sign_type included (as the SDK's clients sign): the SDK's check of
        // such a text is rsaCheckV2 (removes only sign). rsaCheckV1 removes sign_type as well: that is
        // the notify's text, which the next test covers.
        assertTrue(AlipaySignature.rsaCheckV2(new HashMap<>(p), APP.publicKey(), "UTF-8", "RSA2"));
        assertFalse(AlipaySignature.rsaCheckV1(new HashMap<>(p), APP.publicKey(), "UTF-8", "RSA2"),
                "rsaCheckV1 checks the text without sign_type, which is not what a request's sign covers");
        assertTrue(AlipaySignature.rsaCheck(AlipaySignature.getSignContent(withoutSign), p.get("sign"), APP.publicKey(),
                "UTF-8", "RSA2"));
        Map<String, String> tampered = new HashMap<>(p);
        tampered.put("biz_content", tampered.get("biz_content").replace("88.88", "0.01"));
        assertFalse(AlipaySignature.rsaCheckV2(tampered, APP.publicKey(), "UTF-8", "RSA2"));
    }

    @Test
    void notifiesSignedByTheSdkVerifyAndTheSdkVerifiesTheEmulatorsNotifyText() throws Exception {
        Map<String, String> n = new LinkedHashMap<>();
        n.put("notify_time", "2026-12-02 18:00:00");
        n.put("notify_type", "trade_status_sync");
        n.put("notify_id", "ac05099524730693a8b330c5ecf72da9786");
        n.put("app_id", "2021000100000001");
        n.put("charset", "utf-8");
        n.put("version", "1.0");
        n.put("trade_status", "TRADE_SUCCESS");
        n.put("out_trade_no", "pay_abc");
        n.put("total_amount", "88.88");
        n.put("subject", "咖啡 & tea");
        n.put("body", "");
        n.put("fund_bill_list", "[{\"amount\":\"88.88\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        String content = AlipaySignature.getSignCheckContentV1(new HashMap<>(n));
        assertEquals(content, AlipayRsa2.notifyContent(n));
        n.put("sign_type", "RSA2");
        n.put("sign", AlipaySignature.rsaSign(content, ALIPAY.privateKey(), "UTF-8", "RSA2"));
        assertEquals(content, AlipayRsa2.notifyContent(n), "sign and sign_type are not signed");
        assertTrue(AlipayRsa2.verifyNotify(n, AlipayKeys.publicKey(ALIPAY.publicKey())));
        assertTrue(AlipaySignature.rsaCheckV1(new HashMap<>(n), ALIPAY.publicKey(), "UTF-8", "RSA2"));
        n.put("total_amount", "0.01");
        assertFalse(AlipayRsa2.verifyNotify(n, AlipayKeys.publicKey(ALIPAY.publicKey())));
    }

    @Test
    void theResponseSourceIsTheSdksSignSourceExactly() throws Exception {
        String object = "{\"code\":\"10000\",\"msg\":\"Success\",\"x\":\"a}b\\\"{\",\"qr_code\":\"https://qr.alipay.com/bax1\"}";
        String body = "{\"alipay_trade_precreate_response\":" + object + ",\"sign\":\"c2lnbg==\"}";
        assertEquals(object, AlipayRsa2.responseSource(body, "alipay.trade.precreate"));
        assertEquals(new JsonConverter().getSignItem(new AlipayTradePrecreateRequest(), body).getSignSourceDate(),
                AlipayRsa2.responseSource(body, "alipay.trade.precreate"));
        String error = "{\"error_response\":{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.invalid-method\"},\"sign\":\"c2lnbg==\"}";
        assertEquals(new JsonConverter().getSignItem(new AlipayTradeQueryRequest(), error).getSignSourceDate(),
                AlipayRsa2.responseSource(error, "alipay.trade.query"));
        assertNull(AlipayRsa2.responseSource("{\"sign\":\"x\"}", "alipay.trade.query"));

        String signed = AlipaySignature.rsaSign(object, ALIPAY.privateKey(), "UTF-8", "RSA2");
        assertTrue(AlipayRsa2.verifyResponse(object, signed, AlipayKeys.publicKey(ALIPAY.publicKey())));
        assertTrue(AlipayRsa2.verifyResponse(object.replace("/", "\\/"), signed, AlipayKeys.publicKey(ALIPAY.publicKey())),
                "like the SDK: a body with escaped slashes verifies when the unescaped text does");
        assertFalse(AlipayRsa2.verifyResponse(object.replace("10000", "10001"), signed,
                AlipayKeys.publicKey(ALIPAY.publicKey())));
    }

    private static AlipayAccount account() {
        return new AlipayAccount("2021000100000009", APP.privateKey(), ALIPAY.publicKey(), "2088000100000009", null);
    }

    private static Map<String, String> notify(Instant at, String appId) throws Exception {
        Map<String, String> n = new HashMap<>();
        n.put("notify_time", AlipayTime.format(at));
        n.put("notify_type", "trade_status_sync");
        n.put("notify_id", "n" + Long.toString(System.nanoTime(), 36));
        n.put("app_id", appId);
        n.put("seller_id", "2088000100000009");
        n.put("trade_status", "TRADE_SUCCESS");
        n.put("out_trade_no", "pay_abc");
        n.put("total_amount", "88.88");
        n.put("sign_type", "RSA2");
        n.put("sign", AlipaySignature.rsaSign(AlipaySignature.getSignCheckContentV1(new HashMap<>(n)), ALIPAY.privateKey(),
                "UTF-8", "RSA2"));
        return n;
    }

    @Test
    void notifiesAreCheckedForAppSellerAndAge() throws Exception {
        Instant now = Instant.now();
        ProviderEvent e = AlipayNotify.verify(notify(now, "2021000100000009"), account(), now, Duration.ofMinutes(15));
        assertEquals(ProviderEvent.Kind.CAPTURED, e.kind());
        assertEquals(8888L, e.amount());
        assertEquals("pay_abc", e.providerReference());
        assertThrowsRejected(() -> AlipayNotify.verify(notify(now, "2021000100000008"), account(), now, Duration.ofMinutes(15)));
        assertThrowsRejected(() -> AlipayNotify.verify(notify(now.minus(Duration.ofMinutes(16)), "2021000100000009"),
                account(), now, Duration.ofMinutes(15)));
        AlipayAccount otherSeller = new AlipayAccount("2021000100000009", APP.privateKey(), ALIPAY.publicKey(),
                "2088000100000007", null);
        assertThrowsRejected(() -> AlipayNotify.verify(notify(now, "2021000100000009"), otherSeller, now, Duration.ofMinutes(15)));
        Map<String, String> rsa1 = notify(now, "2021000100000009");
        rsa1.put("sign_type", "RSA");
        assertThrowsRejected(() -> AlipayNotify.verify(rsa1, account(), now, Duration.ofMinutes(15)));
    }

    @Test
    void keysArePemOrBase64AndPkcs1IsRefusedClearly() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + APP.privateKey().replaceAll("(.{64})", "$1\n") + "\n-----END PRIVATE KEY-----\n";
        assertEquals(AlipayKeys.privateKey(APP.privateKey()), AlipayKeys.privateKey(pem));
        assertTrue(AlipayKeys.valid(ALIPAY.publicKey(), false));
        assertFalse(AlipayKeys.valid("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", true));
        assertFalse(AlipayKeys.valid("not a key", true));
    }

    @Test
    void timestampsAreChinaStandardTime() {
        assertEquals("2026-12-03 02:30:00", AlipayTime.format(Instant.parse("2026-12-02T18:30:00Z")));
        assertEquals(Instant.parse("2026-12-02T18:30:00Z"), AlipayTime.parse("2026-12-03 02:30:00"));
        assertNull(AlipayTime.parse("2026-12-03T02:30:00"));
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void assertThrowsRejected(Call call) {
        try {
            call.run();
        } catch (WebhookRejectedException expected) {
            return;
        } catch (Exception e) {
            throw new AssertionError("expected a rejection, got " + e, e);
        }
        throw new AssertionError("expected a rejection");
    }
}
