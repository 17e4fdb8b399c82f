package dev.payrail.connector.wechatpay;

import static dev.payrail.connector.wechatpay.WechatPayTestSupport.body;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.pay;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.payer;
import static dev.payrail.connector.wechatpay.WechatPayTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** A payer who never pays: with a 3 second payer window the order is closed and the payment expires. */
@QuarkusTest
@TestProfile(WechatPayExpiryTest.ShortWindow.class)
class WechatPayExpiryTest {

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("payrail.wechatpay.payer-window", "3s");
        }
    }

    @Inject
    WechatPayConnector connector;

    @Test
    void anUnpaidOrderIsClosedAtTheEndOfThePayerWindowAndThePaymentExpires() {
        var m = Providers.routingTo("wechat_pay");
        Instant before = Instant.now();
        JsonPath p = pay(m, body(1200, null, null));
        String id = p.getString("id");
        String ref = p.getString("provider_reference");
        Instant expires = Instant.parse(p.getString("next_action.expires_at"));
        assertTrue(!expires.isAfter(before.plusSeconds(5)), "time_expire is now + 3 s: " + expires);

        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> "failed".equals(read(m, id).getString("status")));
        JsonPath failed = read(m, id);
        assertEquals("payment_expired", failed.getString("error_code"), failed.prettify());
        assertTrue(Db.query("SELECT 1 FROM payment_attempts WHERE payment_id = ? AND operation = 'void' AND outcome = 'succeeded'",
                id).size() == 1, "the order was closed first");
        ConnectorResult status = connector.status(new ConnectorRequests.Status(id, ref, 1200, "CNY", null, m.id()))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(Outcome.DECLINED, status.outcome(), "WeChat Pay: CLOSED");
        assertEquals("closed", status.declineCode());
        payer(p.getString("next_action.data"), "pay", 409);
    }

    @Test
    void anOrderPaidJustBeforeTheCloseIsCapturedNotExpired() {
        var m = Providers.routingTo("wechat_pay");
        JsonPath p = pay(m, body(1300, null, null));
        String id = p.getString("id");
        payer(p.getString("next_action.data"), "pay", 200);
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> "captured".equals(read(m, id).getString("status")));
        ConnectorResult close = connector.voidAuthorization(new ConnectorRequests.Void(id, p.getString("provider_reference"),
                "att_late", m.id())).await().atMost(Duration.ofSeconds(10));
        assertEquals(Outcome.DECLINED, close.outcome(), "ORDERPAID: a paid order is not closed");
        Awaitility.await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> "captured".equals(read(m, id).getString("status")));
    }
}
