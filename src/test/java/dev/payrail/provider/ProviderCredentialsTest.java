package dev.payrail.provider;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Provider credentials: encrypted at rest, used by the connector, never in a response or the log. */
@QuarkusTest
class ProviderCredentialsTest {

    @Inject
    CredentialCipher cipher;

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void credentialsAreEncryptedUsedAndNeverShown() throws Exception {
        var m = Providers.routingTo("stripe", "simulator");
        String secret = "sk_test_merchant_" + Long.toString(System.nanoTime(), 36);
        String webhookSecret = "whsec_merchant_" + Long.toString(System.nanoTime(), 36);
        String put = m.api().body("{\"secret_key\":\"" + secret + "\",\"webhook_secret\":\"" + webhookSecret + "\"}")
                .put("/api/v1/providers/stripe/credentials").then().statusCode(200)
                .body("provider", equalTo("stripe")).body("has_credentials", equalTo(true))
                .extract().asString();
        assertFalse(put.contains(secret) || put.contains(webhookSecret), put);

        Map<String, Object> row = Db.one("SELECT credentials_ciphertext, credentials_key_id FROM provider_accounts "
                + "WHERE merchant_id = ? AND provider = 'stripe'", m.id());
        byte[] stored = (byte[]) row.get("credentials_ciphertext");
        assertEquals("dev", row.get("credentials_key_id"));
        assertFalse(contains(stored, secret.getBytes(StandardCharsets.UTF_8)), "the secret is not readable in the row");
        assertFalse(contains(stored, "secret_key".getBytes(StandardCharsets.UTF_8)));
        assertTrue(cipher.decrypt(m.id(), "stripe", stored, "dev").contains(secret), "it is our AES-GCM ciphertext");
        // bound to merchant and provider: the same bytes do not decrypt for anyone else
        assertThrowsIllegalState(() -> cipher.decrypt("mer_other", "stripe", stored, "dev"));

        JsonPath paid = m.api().body(Bodies.cardPayment(990, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().jsonPath();
        assertEquals("stripe", paid.getString("provider"));

        String list = m.api().get("/api/v1/providers").then().statusCode(200).extract().asString();
        assertFalse(list.contains(secret) || list.contains(webhookSecret), list);
        String payment = m.api().get("/api/v1/payments/" + paid.getString("id")).then().extract().asString();
        assertFalse(payment.contains(secret));
        String log = Files.readString(Path.of("target/quarkus.log"));
        assertFalse(log.contains(secret) || log.contains(webhookSecret), "no credential in the log");
    }

    @Test
    void theMerchantsOwnKeyIsWhatStripeReceives() {
        var m = Providers.routingTo("stripe", "simulator");
        // The sandbox, like Stripe's test mode, refuses live keys: 401, nothing processed → failover.
        m.api().body("{\"secret_key\":\"sk_live_not_for_the_sandbox\"}").put("/api/v1/providers/stripe/credentials")
                .then().statusCode(200);
        String id = m.api().body(Bodies.cardPayment(990, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        JsonPath read = m.api().get("/api/v1/payments/" + id).then().extract().jsonPath();
        assertEquals("simulator", read.getString("provider"));
        assertEquals(List.of("not_sent", "succeeded"), read.getList("attempts.outcome"));
        assertEquals("provider_rejected_request", read.getString("attempts[0].error_code"));

        m.api().body("{\"secret_key\":\"sk_test_good_" + Long.toString(System.nanoTime(), 36) + "\"}").put("/api/v1/providers/stripe/credentials")
                .then().statusCode(200);
        m.api().body(Bodies.cardPayment(990, "USD", "4242424242424242", "automatic")).post("/api/v1/payments").then()
                .statusCode(201).body("provider", equalTo("stripe"));
    }

    @Test
    void badCredentialRequests() {
        var m = Providers.routingTo("stripe");
        m.api().body("{\"secret_key\":\"sk_test_x\"}").put("/api/v1/providers/nope/credentials").then().statusCode(404);
        m.api().body("{\"secret_key\":\"sk_test_x\",\"password\":\"p\"}").put("/api/v1/providers/stripe/credentials")
                .then().statusCode(400).body("param", equalTo("password"));
        m.api().body("{\"webhook_secret\":\"whsec_x\"}").put("/api/v1/providers/stripe/credentials").then()
                .statusCode(400).body("param", equalTo("secret_key"));
        m.api().body("{\"secret_key\":42}").put("/api/v1/providers/stripe/credentials").then().statusCode(400);
        m.api().body("{\"key\":\"v\"}").put("/api/v1/providers/simulator/credentials").then().statusCode(400);
        m.api().body("{\"priority\":-1}").patch("/api/v1/providers/stripe").then().statusCode(400);
    }

    /**
     * A provider's account ids may be Luhn-valid digit runs (one Alipay app_id in ten is): they are stored,
     * while NUL characters and lone surrogates are still refused naming the credential, and a credential
     * name that looks like a card number (names are logged) is refused.
     */
    @Test
    void providerIdsThatLookLikeCardNumbersAreAccepted() {
        var m = Providers.routingTo("stripe");
        String luhnValidAppId = "2021000122601835";
        m.api().body("{\"app_id\":\"" + luhnValidAppId + "\",\"seller_id\":\"2088102147948060\","
                + "\"private_key\":\"pk\",\"alipay_public_key\":\"apk\"}")
                .put("/api/v1/providers/alipay/credentials").then().statusCode(200)
                .body("has_credentials", equalTo(true));
        Map<String, Object> row = Db.one("SELECT credentials_ciphertext, credentials_key_id FROM provider_accounts "
                + "WHERE merchant_id = ? AND provider = 'alipay'", m.id());
        assertTrue(cipher.decrypt(m.id(), "alipay", (byte[]) row.get("credentials_ciphertext"),
                (String) row.get("credentials_key_id")).contains(luhnValidAppId));

        m.api().body("{\"app_id\":\"2021\\u0000\",\"private_key\":\"pk\",\"alipay_public_key\":\"apk\"}")
                .put("/api/v1/providers/alipay/credentials").then().statusCode(400).body("param", equalTo("app_id"));
        m.api().body("{\"app_id\":\"2021\\ud800\",\"private_key\":\"pk\",\"alipay_public_key\":\"apk\"}")
                .put("/api/v1/providers/alipay/credentials").then().statusCode(400).body("param", equalTo("app_id"));
        m.api().body("{\"4242 4242 4242 4242\":\"x\",\"secret_key\":\"sk_test_x\"}")
                .put("/api/v1/providers/stripe/credentials").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("4242")));
        m.api().body("[\"secret_key\"]").put("/api/v1/providers/stripe/credentials").then().statusCode(400);
    }

    @Test
    void routingHonoursEnabledFlagsPrioritiesAndExplicitProviders() {
        var m = Providers.routingTo("simulator", "stripe");
        m.api().body(Bodies.cardPayment(700, "USD", "4242424242424242", "automatic")).post("/api/v1/payments").then()
                .statusCode(201).body("provider", equalTo("simulator"));
        m.api().body("{\"priority\":0}").patch("/api/v1/providers/stripe").then().statusCode(200);
        m.api().body(Bodies.cardPayment(700, "USD", "4242424242424242", "automatic")).post("/api/v1/payments").then()
                .statusCode(201).body("provider", equalTo("stripe"));
        // explicit provider wins when eligible
        String explicitSim = "{\"amount\":700,\"currency\":\"USD\",\"method\":\"card\",\"provider\":\"simulator\",\"card\":"
                + Bodies.card("4242424242424242") + "}";
        m.api().body(explicitSim).post("/api/v1/payments").then().statusCode(201).body("provider", equalTo("simulator"));
        // a disabled provider is neither routed to nor accepted explicitly
        m.api().body("{\"enabled\":false}").patch("/api/v1/providers/simulator").then().statusCode(200)
                .body("enabled", equalTo(false));
        m.api().body(explicitSim).post("/api/v1/payments").then().statusCode(400).body("param", equalTo("provider"));
        // Stripe takes no UPI: no enabled provider is left for it
        m.api().body(Bodies.upiPayment(500, "success@upi")).post("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("method"));
        // and the merchant-wide setting
        m.api().body("{\"reorder_by_success_rate\":true}").patch("/api/v1/providers").then().statusCode(200)
                .body("reorder_by_success_rate", equalTo(true));
        m.api().body(Bodies.cardPayment(700, "USD", "4242424242424242", "automatic")).post("/api/v1/payments").then()
                .statusCode(201).body("provider", equalTo("stripe"));
    }

    private static void assertThrowsIllegalState(Runnable r) {
        try {
            r.run();
        } catch (IllegalStateException expected) {
            return;
        }
        throw new AssertionError("expected IllegalStateException");
    }
}
