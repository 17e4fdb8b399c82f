package dev.payrail.connector.paypal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.sandbox.paypal.PayPalSandbox;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * PayPal's amount units (developer.paypal.com/docs/api/reference/currency-codes): HUF, JPY and TWD
 * "do not support decimals", the others take two. Payrail sends every amount in them, the emulator
 * (with its own table) refuses what PayPal refuses, and an amount PayPal cannot take is refused
 * with a clear problem before anything is stored or sent.
 */
@QuarkusTest
class PayPalAmountUnitsTest {

    @Inject
    PayPalSandbox sandbox;

    @Inject
    PayPalConnector connector;

    private static String card(long amount, String currency, String capture) {
        return PayPalConnectorTest.cardPayment(amount, currency, "4242424242424242", capture);
    }

    private List<PayPalSandbox.Received> sent(String pathPart) {
        return sandbox.received().stream().filter(r -> r.path().contains(pathPart)).toList();
    }

    private String lastValue(String pathPart, String jsonPath) {
        List<PayPalSandbox.Received> r = sent(pathPart);
        return new JsonPath(r.get(r.size() - 1).body()).getString(jsonPath);
    }

    @Test
    void forintsNewTaiwanDollarsAndYenTravelWithoutDecimals() {
        Providers.Merchant m = Providers.routingTo("paypal");
        for (String[] c : new String[][] { { "HUF", "100000", "1000" }, { "TWD", "250000", "2500" }, { "JPY", "1500", "1500" } }) {
            JsonPath p = m.api().body(card(Long.parseLong(c[1]), c[0], "automatic")).post("/api/v1/payments").then()
                    .statusCode(201).extract().jsonPath();
            assertEquals("captured", p.getString("status"), c[0]);
            assertEquals(Long.parseLong(c[1]), p.getLong("amount_captured"), c[0]);
            assertEquals(c[2], lastValue("/v2/checkout/orders", "purchase_units[0].amount.value"), c[0]);
            // the emulator (its own currency table) read it as whole units and captured all of it
            given().header("Authorization", "Bearer " + token())
                    .get("/sandbox/paypal/v2/checkout/orders/" + p.getString("provider_reference")).then().statusCode(200)
                    .body("purchase_units[0].amount.value", equalTo(c[2]))
                    .body("purchase_units[0].payments.captures[0].amount.value", equalTo(c[2]));
        }
    }

    @Test
    void capturesAndRefundsOfForintsAreWholeForints() {
        Providers.Merchant m = Providers.routingTo("paypal");
        String id = m.api().body(card(250000, "HUF", "manual")).post("/api/v1/payments").then().statusCode(201)
                .body("status", equalTo("authorized")).extract().path("id");
        m.api().body("{\"amount\":200000}").post("/api/v1/payments/" + id + "/capture").then().statusCode(200)
                .body("amount_captured", equalTo(200000));
        assertEquals("2000", lastValue("/capture", "amount.value"));
        m.api().body("{\"amount\":50000}").post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("status", equalTo("processed"));
        assertEquals("500", lastValue("/refund", "amount.value"));
        assertEquals("HUF", lastValue("/refund", "amount.currency_code"));
    }

    @Test
    void aForintAmountWithFillerIsRefusedBeforeAnythingIsStoredOrSent() {
        Providers.Merchant m = Providers.routingTo("paypal");
        int orders = sent("/v2/checkout/orders").size();
        m.api().body(card(100050, "HUF", "automatic")).post("/api/v1/payments").then().statusCode(400)
                .contentType("application/problem+json").body("param", equalTo("amount"))
                .body("detail", containsString("only whole HUF, and 100050 is 1000.50 HUF"));
        assertEquals(0, Db.query("SELECT 1 FROM payments WHERE merchant_id = ?", m.id()).size());
        assertEquals(orders, sent("/v2/checkout/orders").size());
        assertFalse(connector.supports(PaymentMethodType.CARD, "TWD", 99));
        assertTrue(connector.supports(PaymentMethodType.CARD, "TWD", 9900));

        // A partial capture or refund with fillér is answered by the connector without calling PayPal.
        int captures = sent("/capture").size();
        ConnectorResult capture = connector.capture(new ConnectorRequests.Capture("pay_x", "ORDER1", "k1", 100050, "HUF",
                true)).await().atMost(Duration.ofSeconds(10));
        assertTrue(capture.is(Outcome.DECLINED));
        assertEquals("amount_not_supported", capture.errorCode());
        ConnectorResult refund = connector.refund(new ConnectorRequests.Refund("rf_x", "pay_x", "ORDER1", "k2", 50,
                "TWD", null)).await().atMost(Duration.ofSeconds(10));
        assertEquals("amount_not_supported", refund.errorCode());
        assertEquals(captures, sent("/capture").size());
    }

    @Test
    void webhookAmountsAreReadInPayPalsUnits() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(100000L, PayPalWebhooks.toEvent(mapper.readTree("""
                {"id":"WH-H","event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"id":"C1",
                 "amount":{"currency_code":"HUF","value":"1000"}}}""")).amount());
        assertEquals(2500L, PayPalWebhooks.toEvent(mapper.readTree("""
                {"id":"WH-U","event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"id":"C2",
                 "amount":{"currency_code":"USD","value":"25.00"}}}""")).amount());
    }

    private static String token() {
        return given().auth().preemptive().basic("payrail-sandbox-client", "payrail-sandbox-secret")
                .formParam("grant_type", "client_credentials").post("/sandbox/paypal/v1/oauth2/token").then()
                .statusCode(200).extract().path("access_token");
    }

    private static ValidatableResponse order(String currency, String value) {
        return given().header("Authorization", "Bearer " + token()).header("PayPal-Request-Id", "rq-" + System.nanoTime())
                .contentType(ContentType.JSON).body("{\"intent\":\"CAPTURE\",\"purchase_units\":[{\"reference_id\":\"r1\","
                        + "\"amount\":{\"currency_code\":\"" + currency + "\",\"value\":\"" + value + "\"}}]}")
                .post("/sandbox/paypal/v2/checkout/orders").then();
    }

    @Test
    void theEmulatorRefusesWhatPayPalRefuses() {
        order("HUF", "1000").statusCode(201);
        order("HUF", "1000.00").statusCode(422).body("name", equalTo("UNPROCESSABLE_ENTITY"))
                .body("details[0].issue", equalTo("DECIMAL_PRECISION"));
        order("TWD", "10.5").statusCode(422).body("details[0].issue", equalTo("DECIMAL_PRECISION"));
        order("JPY", "1500.0").statusCode(422).body("details[0].issue", equalTo("DECIMAL_PRECISION"));
        order("USD", "10.001").statusCode(422).body("details[0].issue", equalTo("DECIMAL_PRECISION"));
        order("INR", "10.00").statusCode(422).body("details[0].issue", equalTo("INVALID_CURRENCY_CODE"));
        order("USD", "10.5").statusCode(201);
    }
}
