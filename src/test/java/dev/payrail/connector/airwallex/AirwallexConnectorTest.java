package dev.payrail.connector.airwallex;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.sandbox.airwallex.AirwallexSandbox;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** Every Airwallex operation through Payrail's API, the connector and the emulator over real HTTP. */
@QuarkusTest
class AirwallexConnectorTest {

    @Inject
    AirwallexSandbox sandbox;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    static JsonPath pay(Providers.Merchant m, String body, int status) {
        return m.api().body(body).post("/api/v1/payments").then().statusCode(status).extract().jsonPath();
    }

    static String token() {
        return RestAssured.given().header("x-client-id", "payrail_sandbox_client")
                .header("x-api-key", "payrail_sandbox_api_key").post("/sandbox/airwallex/api/v1/authentication/login")
                .then().statusCode(201).extract().path("token");
    }

    static String fixture(String name) {
        try (InputStream in = AirwallexConnectorTest.class.getResourceAsStream("/airwallex/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void purchaseIsCapturedWithOneChargeAndRequestIdsFromTheAttempt() {
        var m = Providers.routingTo("airwallex", "simulator");
        JsonPath p = pay(m, Bodies.cardPayment(1099, "USD", "4035501000000008", "automatic"), 201);
        assertEquals("captured", p.getString("status"));
        assertEquals("airwallex", p.getString("provider"));
        String intentId = p.getString("provider_reference");
        assertTrue(intentId.startsWith("int_"), intentId);
        Map<String, Object> intent = sandbox.intent(intentId);
        assertEquals("SUCCEEDED", intent.get("status"));
        assertEquals(new BigDecimal("10.99"), intent.get("amount"), "major units as a decimal");
        assertEquals(new BigDecimal("10.99"), intent.get("captured_amount"));
        assertEquals("USD", intent.get("currency"));
        assertEquals(p.getString("id"), intent.get("merchant_order_id"));
        assertEquals(1, sandbox.chargesForOrder(p.getString("id")));

        JsonPath read = m.api().get("/api/v1/payments/" + p.getString("id")).then().statusCode(200).extract().jsonPath();
        assertEquals(1, read.getList("attempts").size());
        assertEquals("succeeded", read.getString("attempts[0].outcome"));
        assertEquals(read.getString("attempts[0].id") + "_create", intent.get("request_id"));
    }

    @Test
    void zeroDecimalCurrenciesAreWholeUnits() {
        var m = Providers.routingTo("airwallex");
        JsonPath p = pay(m, Bodies.cardPayment(500, "JPY", "4035501000000008", "automatic"), 201);
        assertEquals(new BigDecimal("500"), sandbox.intent(p.getString("provider_reference")).get("amount"));
    }

    @Test
    void authorizeThenPartialCapture() {
        var m = Providers.routingTo("airwallex");
        JsonPath p = pay(m, Bodies.cardPayment(5000, "EUR", "4035501000000008", "manual"), 201);
        assertEquals("authorized", p.getString("status"));
        String intentId = p.getString("provider_reference");
        assertEquals("REQUIRES_CAPTURE", sandbox.intent(intentId).get("status"));

        m.api().body("{\"amount\":3000}").post("/api/v1/payments/" + p.getString("id") + "/capture").then()
                .statusCode(200).body("status", equalTo("captured")).body("amount_captured", equalTo(3000));
        assertEquals("SUCCEEDED", sandbox.intent(intentId).get("status"));
        assertEquals(new BigDecimal("30.00"), sandbox.intent(intentId).get("captured_amount"));
        JsonPath read = m.api().get("/api/v1/payments/" + p.getString("id")).then().extract().jsonPath();
        assertEquals(List.of("authorize", "capture"), read.getList("attempts.operation"));
    }

    @Test
    void cancelVoidsTheIntent() {
        var m = Providers.routingTo("airwallex");
        JsonPath p = pay(m, Bodies.cardPayment(2500, "GBP", "4035501000000008", "manual"), 201);
        m.api().post("/api/v1/payments/" + p.getString("id") + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        Map<String, Object> intent = sandbox.intent(p.getString("provider_reference"));
        assertEquals("CANCELLED", intent.get("status"));
        assertEquals("requested_by_customer", intent.get("cancellation_reason"));
    }

    @Test
    void aCaptureAirwallexRefusesIsAProviderErrorAndTheAuthorizationStays() {
        var m = Providers.routingTo("airwallex");
        JsonPath p = pay(m, Bodies.cardPayment(2000, "USD", "4035501000000008", "manual"), 201);
        RestAssured.given().header("Authorization", "Bearer " + token()).contentType("application/json")
                .body("{\"request_id\":\"behind-payrails-back-" + System.nanoTime() + "\"}")
                .post("/sandbox/airwallex/api/v1/pa/payment_intents/" + p.getString("provider_reference") + "/cancel")
                .then().statusCode(200);
        m.api().body("{}").post("/api/v1/payments/" + p.getString("id") + "/capture").then().statusCode(502)
                .body("code", equalTo("PROVIDER_ERROR"))
                .body("provider_error_code", equalTo("invalid_status_for_operation"));
        m.api().get("/api/v1/payments/" + p.getString("id")).then().body("status", equalTo("authorized"));
    }

    @Test
    void documentedDeclinesAreFinalAndNeverFailedOver() {
        var m = Providers.routingTo("airwallex", "simulator");
        Object[][] cases = {
                { "4012000300001003", 8059L, "issuer_declined", "59" },
                { "4012000300001003", 8007L, "issuer_declined", "07" },
                { "5307837360544518", 8005L, "issuer_declined", "05" },
                { "4646464646464644", 1000L, "risk_declined", "risk_declined" } };
        for (Object[] c : cases) {
            JsonPath d = pay(m, Bodies.cardPayment((Long) c[1], "USD", (String) c[0], "automatic"), 402);
            assertEquals("PAYMENT_DECLINED", d.getString("code"));
            assertEquals(c[2], d.getString("provider_error_code"), (String) c[0]);
            assertEquals(c[3], d.getString("decline_code"), (String) c[0]);
            assertEquals(2, sandbox.requestsForOrder(d.getString("payment_id")), "one create and one confirm: no retry");
            JsonPath read = m.api().get("/api/v1/payments/" + d.getString("payment_id")).then().extract().jsonPath();
            assertEquals("failed", read.getString("status"));
            assertEquals(List.of("airwallex"), read.getList("attempts.provider"), "never failed over");
            Map<String, Object> intent = sandbox.intent(read.getString("provider_reference"));
            assertEquals("REQUIRES_PAYMENT_METHOD", intent.get("status"));
            assertEquals(0, sandbox.chargesForOrder(d.getString("payment_id")));
        }
    }

    @Test
    void partialRefundsArePendingUntilAirwallexSettlesThem() {
        var m = Providers.routingTo("airwallex");
        JsonPath p = pay(m, Bodies.cardPayment(4000, "USD", "4035501000000008", "automatic"), 201);
        String id = p.getString("id");
        JsonPath refund = m.api().body("{\"amount\":1500,\"reason\":\"requested_by_customer\"}")
                .post("/api/v1/payments/" + id + "/refunds").then().statusCode(201)
                .body("provider_reference", startsWith("rfd_")).extract().jsonPath();
        assertEquals("pending", refund.getString("status"), "RECEIVED at Airwallex is not settled yet");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> m.api()
                .get("/api/v1/refunds/" + refund.getString("id")).then().body("status", equalTo("processed")));
        m.api().get("/api/v1/payments/" + id).then().body("amount_refunded", equalTo(1500))
                .body("status", equalTo("partially_refunded"));
        assertEquals(1, sandbox.refundsOf(p.getString("provider_reference")));
    }

    @Test
    void theEmulatorSpeaksTheDocumentedExamplesAndReplaysRequestIds() throws Exception {
        String token = token();
        ObjectMapper json = new ObjectMapper();
        String request = fixture("create_request.json").replace("ed11e38a-7234-11ea-aa94-7fd44ffd1b89",
                "docs-" + System.nanoTime());
        String first = RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(request).post("/sandbox/airwallex/api/v1/pa/payment_intents/create").then().statusCode(201)
                .extract().asString();
        JsonNode documented = json.readTree(fixture("create_response.json"));
        JsonNode answered = json.readTree(first);
        documented.fieldNames().forEachRemaining(f -> assertTrue(answered.has(f), "the emulator answers " + f));
        assertEquals("REQUIRES_PAYMENT_METHOD", answered.path("status").asText());
        assertTrue(answered.path("amount").isNumber(), "amounts are JSON numbers");
        // the same request_id: processed once, the first answer again
        String again = RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(request).post("/sandbox/airwallex/api/v1/pa/payment_intents/create").then().statusCode(201)
                .extract().asString();
        assertEquals(answered.path("id"), json.readTree(again).path("id"));
        // the same request_id with another body is refused
        RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(request.replace("100.0", "101.0")).post("/sandbox/airwallex/api/v1/pa/payment_intents/create")
                .then().statusCode(400).body("code", equalTo("duplicate_request"));
        // the documented confirm (card 4012 0003 0000 1003 succeeds at 100.00)
        RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(fixture("confirm_request.json").replace("ed11e38a-7234-11ea-aa94-7fd44ffd1b81",
                        "docs-confirm-" + System.nanoTime()))
                .post("/sandbox/airwallex/api/v1/pa/payment_intents/" + answered.path("id").asText() + "/confirm")
                .then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        // the documented validation error shape
        JsonNode documentedError = json.readTree(fixture("error_validation.json"));
        String error = RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"request_id\":\"docs-err-" + System.nanoTime() + "\",\"amount\":100.0,\"currency\":\"CNY\"}")
                .post("/sandbox/airwallex/api/v1/pa/payment_intents/create").then().statusCode(400).extract().asString();
        JsonNode e = json.readTree(error);
        documentedError.fieldNames().forEachRemaining(f -> assertTrue(e.has(f), "the error has " + f));
        assertEquals(documentedError.path("source"), e.path("source"));
        assertEquals(documentedError.path("message"), e.path("message"));
        // no token, no API
        RestAssured.given().contentType("application/json").body(request)
                .post("/sandbox/airwallex/api/v1/pa/payment_intents/create").then().statusCode(401)
                .body("code", equalTo("unauthorized"));
        RestAssured.given().header("x-client-id", "payrail_sandbox_client").header("x-api-key", "wrong")
                .post("/sandbox/airwallex/api/v1/authentication/login").then().statusCode(401);
    }

    @Test
    void aLostConfirmAnswerIsProcessingNeverFailedOverAndReconciledWithoutASecondCharge() {
        var m = Providers.routingTo("airwallex", "simulator");
        sandbox.loseNextResponses("confirm", 1);
        String id = m.api().body(Bodies.cardPayment(2100, "USD", "4035501000000008", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        JsonPath p = m.api().get("/api/v1/payments/" + id).then().extract().jsonPath();
        assertEquals("processing", p.getString("status"), "unknown is shown as processing");
        assertEquals(List.of("airwallex"), p.getList("attempts.provider"), "never failed over");
        assertEquals(1, sandbox.chargesForOrder(id), "Airwallex did charge");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "captured".equals(
                m.api().get("/api/v1/payments/" + id).then().extract().path("status")));
        String reference = m.api().get("/api/v1/payments/" + id).then().extract().path("provider_reference");
        assertEquals("SUCCEEDED", sandbox.intent(reference).get("status"));
        assertEquals(1, sandbox.chargesForOrder(id), "zero double charges");
    }

    @Test
    void theBearerTokenIsReusedUntilItExpires() {
        var m = Providers.routingTo("airwallex");
        pay(m, Bodies.cardPayment(100, "USD", "4035501000000008", "automatic"), 201);
        long logins = sandbox.logins();
        pay(m, Bodies.cardPayment(200, "USD", "4035501000000008", "manual"), 201);
        pay(m, Bodies.cardPayment(300, "USD", "4035501000000008", "automatic"), 201);
        assertEquals(logins, sandbox.logins(), "no login while the token is valid");
    }

    @Test
    void aMerchantsOwnCredentialsAreUsedAndARefusedLoginChargesNothing() {
        var m = Providers.routingTo("airwallex", "simulator");
        m.api().body("{\"client_id\":\"payrail_sandbox_client\",\"api_key\":\"not-the-key\"}")
                .put("/api/v1/providers/airwallex/credentials").then().statusCode(200)
                .body("has_credentials", equalTo(true));
        JsonPath p = pay(m, Bodies.cardPayment(1200, "USD", "4035501000000008", "automatic"), 201);
        assertEquals("simulator", p.getString("provider"), "nothing was sent to Airwallex: failed over");
        assertEquals(0, sandbox.chargesForOrder(p.getString("id")));
        m.api().body("{\"client_id\":\"payrail_sandbox_client\",\"api_key\":\"payrail_sandbox_api_key\"}")
                .put("/api/v1/providers/airwallex/credentials").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("airwallex",
                pay(m, Bodies.cardPayment(1300, "USD", "4035501000000008", "automatic"), 201).getString("provider")));
    }

    @Test
    void serverErrorsAreRetriedWithTheSameRequestIdAndAStormChargesNothing() {
        var m = Providers.routingTo("airwallex");
        pay(m, Bodies.cardPayment(100, "USD", "4035501000000008", "automatic"), 201); // the token is cached now
        dev.payrail.support.Api.admin().body("{\"latency_ms\":0,\"unavailable_rate\":0.0,\"error_rate\":2.0,"
                + "\"lost_response_rate\":0.0,\"hang_ms\":0}").put("/admin/v1/sandbox/airwallex/settings").then()
                .statusCode(400);
        dev.payrail.support.Api.admin().body("{\"latency_ms\":0,\"unavailable_rate\":0.0,\"error_rate\":1.0,"
                + "\"lost_response_rate\":0.0,\"hang_ms\":3000}").put("/admin/v1/sandbox/airwallex/settings").then()
                .statusCode(200).body("error_rate", equalTo(1.0f));
        breakers.resetAll(); // an empty window: three failures stay below the test breaker's volume threshold
        JsonPath p = pay(m, Bodies.cardPayment(1500, "USD", "4035501000000008", "automatic"), 201);
        assertEquals(3, sandbox.requestsForOrder(p.getString("id")),
                "one create and two retries with the same request_id, no confirm");
        assertEquals("processing", p.getString("status"), "a 500 is an unknown outcome");
        dev.payrail.support.Api.admin().delete("/admin/v1/sandbox/airwallex/settings").then().statusCode(200);
        String id = p.getString("id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !"processing".equals(
                m.api().get("/api/v1/payments/" + id).then().extract().path("status")));
        assertEquals("failed", m.api().get("/api/v1/payments/" + id).then().extract().path("status"),
                "Airwallex has no intent for the attempt: nothing was charged");
        assertEquals(0, sandbox.chargesForOrder(id));
    }

    /**
     * A 500 may come after Airwallex processed the request. When such a try is followed by a retry that
     * the breaker refuses unsent (it opened on that very 500), the call as a whole is unknown: no
     * failover to another provider, which could charge the customer twice.
     */
    @Test
    void aRetryRefusedByABreakerThatOpenedOnAnAmbiguousTryIsUnknownNeverAFailover() {
        var m = Providers.routingTo("airwallex", "simulator");
        pay(m, Bodies.cardPayment(100, "USD", "4035501000000008", "automatic"), 201); // the token is cached now
        dev.payrail.support.Api.admin().body("{\"latency_ms\":0,\"unavailable_rate\":0.0,\"error_rate\":1.0,"
                + "\"lost_response_rate\":0.0,\"hang_ms\":0}").put("/admin/v1/sandbox/airwallex/settings").then()
                .statusCode(200);
        breakers.resetAll();

        // Three 500s (a call and two retries), below the test breaker's volume threshold of 4: unknown.
        JsonPath first = pay(m, Bodies.cardPayment(1600, "USD", "4035501000000008", "automatic"), 201);
        String firstId = first.getString("id");
        assertEquals(List.of("unknown"), read(m, firstId).getList("attempts.outcome"));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(AirwallexConnector.NAME));

        // The next call's first 500 fills the window and opens the breaker; its retry is refused unsent.
        String secondId = pay(m, Bodies.cardPayment(1700, "USD", "4035501000000008", "automatic"), 201)
                .getString("id");
        JsonPath second = read(m, secondId);
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(AirwallexConnector.NAME));
        assertEquals("airwallex", second.getString("provider"), "no failover after a try that may have reached Airwallex");
        assertEquals("processing", second.getString("status"), "unknown, shown as processing: never failed");
        assertEquals(List.of("unknown"), second.getList("attempts.outcome"));
        assertEquals(List.of("airwallex"), second.getList("attempts.provider"));

        // The 500s were refusals at Airwallex's front door: the reconciler finds no intent and fails both.
        sandbox.resetSettings();
        breakers.resetAll();
        for (String id : List.of(firstId, secondId)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(
                    m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().path("status")));
            assertEquals(0, sandbox.chargesForOrder(id));
        }
    }

    private static JsonPath read(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theProvidersListNamesAirwallex() {
        var m = Providers.routingTo("airwallex");
        m.api().get("/api/v1/providers").then().statusCode(200).body("data.provider", hasItem("airwallex"));
    }
}
