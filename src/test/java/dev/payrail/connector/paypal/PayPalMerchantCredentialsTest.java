package dev.payrail.connector.paypal;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.sandbox.paypal.PayPalSandbox;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A merchant's own PayPal REST app: stored encrypted through the providers API, used for its payments
 * (a wrong secret sends nothing and never rides on the platform's token), and its registered webhook
 * id verifies the webhooks addressed to the merchant.
 */
@QuarkusTest
class PayPalMerchantCredentialsTest {

    private static final String CLIENT = "payrail-sandbox-client";
    private static final String SECRET = "payrail-sandbox-secret";

    @Inject
    PayPalSandbox sandbox;
    @Inject
    PayPalConnector connector;

    private static JsonPath pay(Providers.Merchant m, long amount) {
        String id = m.api().body(Bodies.cardPayment(amount, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aMerchantsOwnAppIsUsedAndAWrongSecretSendsNothing() {
        var m = Providers.routingTo("paypal", "simulator");
        assertEquals("paypal", pay(m, 1100).getString("provider"), "the platform app's token is cached now");

        m.api().body("{\"client_id\":\"" + CLIENT + "\",\"client_secret\":\"not-the-secret\"}")
                .put("/api/v1/providers/paypal/credentials").then().statusCode(200)
                .body("has_credentials", equalTo(true)).body(not(containsString("not-the-secret")));
        long tokens = sandbox.tokenRequests();
        JsonPath refused = pay(m, 1200);
        assertTrue(sandbox.tokenRequests() > tokens, "the merchant's app asked for its own token");
        assertEquals("simulator", refused.getString("provider"), "PayPal refused the token: nothing sent, failed over");
        assertEquals("not_sent", refused.getString("attempts[0].outcome"));
        assertEquals(0, sandbox.capturesForReference(refused.getString("id")));

        m.api().body("{\"client_id\":\"" + CLIENT + "\",\"client_secret\":\"" + SECRET + "\",\"webhook_id\":\"WH-MERCHANT-1\"}")
                .put("/api/v1/providers/paypal/credentials").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals("paypal", pay(m, 1300).getString("provider")));
    }

    @Test
    void unknownOrMissingCredentialFieldsAreRefused() {
        var m = Providers.routingTo("paypal");
        m.api().body("{\"client_id\":\"" + CLIENT + "\"}").put("/api/v1/providers/paypal/credentials").then()
                .statusCode(400).body("param", equalTo("client_secret"));
        m.api().body("{\"client_id\":\"" + CLIENT + "\",\"client_secret\":\"x\",\"api_key\":\"y\"}")
                .put("/api/v1/providers/paypal/credentials").then().statusCode(400).body("param", equalTo("api_key"));
    }

    @Test
    void aMerchantsWebhooksVerifyWithItsOwnWebhookIdOnly() {
        var m = Providers.routingTo("paypal");
        m.api().body("{\"client_id\":\"" + CLIENT + "\",\"client_secret\":\"" + SECRET + "\",\"webhook_id\":\"WH-MERCHANT-2\"}")
                .put("/api/v1/providers/paypal/credentials").then().statusCode(200);
        ConnectorResult paid = connector.authorize(PayPalReconciliationTest.card(Ids.newId("pay_"), "4242424242424242", true))
                .await().atMost(Duration.ofSeconds(30));
        String base = PayPalClients.localBaseUrl() + PayPalClients.SANDBOX_PATH;
        ObjectNode event = sandbox.event("PAYMENT.CAPTURE.COMPLETED", "capture",
                sandbox.captureResource(sandbox.paymentsOf(paid.providerReference()).get(0), base));

        PayPalSandbox.SignedWebhook own = sandbox.sign(event, Instant.now(), base, "WH-MERCHANT-2");
        ProviderEvent verified = connector.verifyWebhook(InboundWebhook.forMerchant(m.id(), "paypal", own.headers(),
                own.body(), Instant.now())).await().atMost(Duration.ofSeconds(30));
        assertEquals(event.get("id").asText(), verified.eventId());

        PayPalSandbox.SignedWebhook platforms = sandbox.sign(event, Instant.now(), base);
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(InboundWebhook.forMerchant(m.id(),
                "paypal", platforms.headers(), platforms.body(), Instant.now())).await().atMost(Duration.ofSeconds(30)),
                "the platform's webhook id never verifies an event addressed to a merchant");
    }
}
