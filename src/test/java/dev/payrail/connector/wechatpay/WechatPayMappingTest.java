package dev.payrail.connector.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;

/** WeChat Pay's states, events and references in Payrail's terms, exhaustively. */
class WechatPayMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ConnectorResult tx(String state) {
        return WechatPayMapping.transaction(json("{\"trade_state\":\"" + state + "\",\"amount\":{\"total\":321}}"), "att_1");
    }

    @Test
    void everyTradeState() {
        for (String paid : new String[] { "SUCCESS", "REFUND" }) {
            ConnectorResult r = tx(paid);
            assertEquals(Outcome.SUCCEEDED, r.outcome(), paid);
            assertEquals(PaymentStage.CAPTURED, r.stage());
            assertEquals(321L, r.amountCaptured());
            assertEquals("att_1", r.providerReference());
        }
        for (String waiting : new String[] { "NOTPAY", "USERPAYING", "ACCEPT", "SOMETHING_NEW" }) {
            ConnectorResult r = tx(waiting);
            assertEquals(Outcome.PENDING, r.outcome(), waiting + " is not final");
            assertEquals(PaymentStage.PENDING, r.stage());
        }
        for (String failed : new String[] { "CLOSED", "REVOKED", "PAYERROR" }) {
            ConnectorResult r = tx(failed);
            assertEquals(Outcome.DECLINED, r.outcome(), failed);
            assertEquals(PaymentStage.FAILED, r.stage());
            assertEquals(failed.toLowerCase(), r.declineCode());
        }
        assertEquals(Outcome.PENDING, WechatPayMapping.transaction(json("{}"), "att_1").outcome());
    }

    @Test
    void everyRefundStatus() {
        assertEquals(Outcome.SUCCEEDED, WechatPayMapping.refund(json("{\"refund_id\":\"5001\",\"status\":\"SUCCESS\"}")).outcome());
        assertEquals("5001", WechatPayMapping.refund(json("{\"refund_id\":\"5001\",\"status\":\"SUCCESS\"}")).providerReference());
        assertEquals(Outcome.PENDING, WechatPayMapping.refund(json("{\"refund_id\":\"5001\",\"status\":\"PROCESSING\"}")).outcome());
        assertEquals(Outcome.DECLINED, WechatPayMapping.refund(json("{\"refund_id\":\"5001\",\"status\":\"ABNORMAL\"}")).outcome());
        assertEquals(Outcome.DECLINED, WechatPayMapping.refund(json("{\"refund_id\":\"5001\",\"status\":\"CLOSED\"}")).outcome());
        assertEquals(Outcome.PENDING, WechatPayMapping.refund(json("{\"refund_id\":\"5001\",\"status\":\"NEW\"}")).outcome());
        assertEquals(Outcome.SUCCEEDED, WechatPayMapping.refund(json("{\"refund_id\":\"5001\",\"refund_status\":\"SUCCESS\"}"))
                .outcome(), "notifications say refund_status");
    }

    @Test
    void notificationsInPayrailsTerms() {
        ProviderEvent paid = WechatPayEvents.translate("n1", "TRANSACTION.SUCCESS", json(
                "{\"mchid\":\"1900\",\"out_trade_no\":\"att_9\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":50}}"), "1900");
        assertEquals(ProviderEvent.Kind.CAPTURED, paid.kind());
        assertEquals("att_9", paid.providerReference());
        assertEquals(50L, paid.amount());
        assertEquals("n1", paid.eventId());
        ProviderEvent refunded = WechatPayEvents.translate("n2", "REFUND.SUCCESS",
                json("{\"mchid\":\"1900\",\"refund_id\":\"5002\",\"refund_status\":\"SUCCESS\",\"amount\":{\"refund\":20}}"), "1900");
        assertEquals(ProviderEvent.Kind.REFUND_PROCESSED, refunded.kind());
        assertEquals("5002", refunded.providerReference());
        for (String failed : new String[] { "REFUND.ABNORMAL", "REFUND.CLOSED" }) {
            assertEquals(ProviderEvent.Kind.REFUND_FAILED, WechatPayEvents.translate("n3", failed,
                    json("{\"mchid\":\"1900\",\"refund_id\":\"5003\"}"), "1900").kind());
        }
        assertEquals(ProviderEvent.Kind.IGNORED, WechatPayEvents.translate("n4", "TRANSACTION.CLOSED", json("{}"), "1900").kind());
        assertThrows(WebhookRejectedException.class, () -> WechatPayEvents.translate("n5", "TRANSACTION.SUCCESS", json(
                "{\"mchid\":\"1901\",\"out_trade_no\":\"att_9\",\"trade_state\":\"SUCCESS\"}"), "1900"), "another merchant's");
    }

    @Test
    void referencesAndH5Urls() {
        assertEquals("att_0123456789abcd", WechatPayConnector.outNo("att_0123456789abcd"));
        String digest = WechatPayConnector.outNo("a key: too long and with spaces for out_trade_no at WeChat");
        assertTrue(digest.matches("pr[0-9a-f]{30}"), digest);
        assertEquals(digest, WechatPayConnector.outNo("a key: too long and with spaces for out_trade_no at WeChat"));
        assertEquals("https://wx.tenpay.com/x?prepay_id=1&redirect_url=https%3A%2F%2Fm.example%2Fr%3Fa%3D1",
                WechatPayConnector.h5Url("https://wx.tenpay.com/x?prepay_id=1", "https://m.example/r?a=1"));
        assertEquals("https://wx.tenpay.com/x?prepay_id=1", WechatPayConnector.h5Url("https://wx.tenpay.com/x?prepay_id=1", null));
    }

    @Test
    void signatureFieldsAndTheAeadCipherRoundTrip() {
        var fields = WechatPaySignature.parseAuthorization(
                "WECHATPAY2-SHA256-RSA2048 mchid=\"1900\",nonce_str=\"N\",timestamp=\"1\",serial_no=\"S\",signature=\"x==\"");
        assertEquals("x==", fields.get("signature"));
        assertNull(WechatPaySignature.parseAuthorization("Bearer x"));
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes();
        String ct = WechatPayCipher.encrypt(key, "transaction", "0123456789ab", "{\"a\":1}");
        assertEquals("{\"a\":1}", WechatPayCipher.decrypt(key, "transaction", "0123456789ab", ct));
        assertThrows(IllegalArgumentException.class, () -> WechatPayCipher.decrypt(key, "refund", "0123456789ab", ct),
                "other associated data");
        assertThrows(IllegalArgumentException.class,
                () -> WechatPayCipher.decrypt("0123456789abcdef0123456789abcdeX".getBytes(), "transaction", "0123456789ab", ct));
    }
}
