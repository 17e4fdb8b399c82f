package dev.payrail.webhook;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(NoLoopbackProfile.class)
class SsrfGuardTest {

    static final List<String> REFUSED = List.of(
            "http://127.0.0.1/hook", "http://127.8.9.10/hook", "http://localhost/hook", "http://api.localhost/hook",
            "http://10.0.0.1/hook", "http://172.16.5.4/hook", "http://172.31.255.255/hook", "http://192.168.1.1/hook",
            "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/hook", "http://100.127.255.254/hook",
            "http://0.0.0.0/hook", "http://224.0.0.1/hook", "http://255.255.255.255/hook", "http://240.0.0.1/hook",
            "http://[::1]/hook", "http://[::]/hook", "http://[fe80::1]/hook", "http://[fc00::1]/hook",
            "http://[fd12:3456::1]/hook", "http://[ff02::1]/hook", "http://[::ffff:127.0.0.1]/hook",
            "http://[::ffff:7f00:1]/hook", "http://[::ffff:10.0.0.1]/hook", "http://[::127.0.0.1]/hook",
            "http://[64:ff9b::7f00:1]/hook",
            "http://2130706433/hook", "http://0x7f000001/hook", "http://0177.0.0.1/hook", "http://127.1/hook",
            "http://0x7f.0.0.1/hook", "http://017700000001/hook", "http://127.0.0.1./hook", "http://127.000.000.001/hook",
            "ftp://hooks.example.com/hook", "file:///etc/passwd", "gopher://hooks.example.com/", "javascript:alert(1)",
            "http://user:pass@hooks.example.com/hook", "http://hooks.example.com@127.0.0.1/hook",
            "http://private.example.com/hook", "http://mixed.example.com/hook", "http://v6private.example.com/hook",
            "http://mapped.example.com/hook");

    FakeHostResolver dns;
    WebhookReceiver loopback;

    @BeforeEach
    void dns() throws Exception {
        dns = new FakeHostResolver()
                .answer("hooks.example.com", "93.184.216.34")
                .answer("private.example.com", "10.1.2.3")
                .answer("mixed.example.com", "93.184.216.34", "127.0.0.1")
                .answer("v6private.example.com", "fd00::5")
                .answer("mapped.example.com", "::ffff:169.254.169.254");
        QuarkusMock.installMockForType(dns, HostResolver.class);
        loopback = new WebhookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        loopback.close();
    }

    @Test
    void everyInternalAddressFormIsRefusedAtRegistration() {
        var shop = WebhookTestSupport.newShop();
        for (String url : REFUSED) {
            shop.api().body(Map.of("url", url)).put("/api/v1/webhook-endpoint").then()
                    .statusCode(400).body("param", equalTo("url")).body("detail", startsWith("url refused"));
        }
        Api.admin().body(Map.of("name", "Evil", "email", "evil@example.com", "webhook_url", "http://0x7f000001/x"))
                .post("/admin/v1/merchants").then().statusCode(400).body("param", equalTo("webhook_url"));
        // Public addresses and names that resolve to them are fine.
        shop.api().body(Map.of("url", "https://hooks.example.com/hook")).put("/api/v1/webhook-endpoint").then()
                .statusCode(200);
        shop.api().body(Map.of("url", "http://93.184.216.34:8443/x?y=1")).put("/api/v1/webhook-endpoint").then()
                .statusCode(200);
        shop.api().body(Map.of("url", "http://[2606:2800:220:1:248:1893:25c8:1946]/x")).put("/api/v1/webhook-endpoint")
                .then().statusCode(200);
    }

    @Test
    void aNameThatResolvesToLoopbackAfterRegistrationIsRefusedAtConnectTime() {
        var shop = WebhookTestSupport.newShop();
        String url = "http://hooks.example.com:" + loopback.port() + "/hook";
        shop.api().body(Map.of("url", url)).put("/api/v1/webhook-endpoint").then().statusCode(200);
        // DNS rebinding: the name now points at the loopback listener.
        dns.answer("hooks.example.com", "127.0.0.1");
        String paymentId = WebhookTestSupport.payment(shop, "automatic");
        await().atMost(Duration.ofSeconds(60)).until(() -> Db.query(
                "SELECT 1 FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE e.object_id = ?", paymentId)
                .size() >= 2);
        var errors = Db.query("SELECT d.error, d.response_status FROM webhook_deliveries d JOIN events e ON e.id = d.event_id"
                + " WHERE e.object_id = ?", paymentId);
        for (var row : errors) {
            assertTrue(((String) row.get("error")).startsWith("refused: url must not point to a loopback address"),
                    row.toString());
            assertEquals(null, row.get("response_status"));
        }
        // A mixed answer (public + loopback) is refused as a whole.
        dns.answer("hooks.example.com", "93.184.216.34", "127.0.0.1");
        // A URL stored before the policy (written directly) is refused too.
        Db.update("UPDATE merchants SET webhook_url = ? WHERE id = ?", loopback.url("/direct"), shop.id());
        String second = WebhookTestSupport.payment(shop, "automatic");
        await().atMost(Duration.ofSeconds(60)).until(() -> Db.query(
                "SELECT 1 FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE e.object_id = ?", second)
                .size() >= 2);
        assertEquals(0, loopback.requests.size(), "nothing may reach the loopback listener");
    }
}
