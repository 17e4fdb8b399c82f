package dev.payrail.sandbox.paypal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Year;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The PayPal emulator's wire behaviour: auth, idempotency, errors, state rules. */
@QuarkusTest
class PayPalSandboxTest {

    private static final String BASE = "/sandbox/paypal";

    private static String token() {
        return given().auth().preemptive().basic("payrail-sandbox-client", "payrail-sandbox-secret")
                .formParam("grant_type", "client_credentials").post(BASE + "/v1/oauth2/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("expires_in", notNullValue()).extract().path("access_token");
    }

    private static RequestSpecification api(String requestId) {
        RequestSpecification r = given().header("Authorization", "Bearer " + token()).contentType(ContentType.JSON);
        return requestId == null ? r : r.header("PayPal-Request-Id", requestId);
    }

    private static String cardOrder(String intent, String value, String pan) {
        return "{\"intent\":\"" + intent + "\",\"purchase_units\":[{\"reference_id\":\"r1\",\"amount\":{\"currency_code\":\"USD\","
                + "\"value\":\"" + value + "\"}}],\"payment_source\":{\"card\":{\"number\":\"" + pan + "\",\"expiry\":\""
                + (Year.now().getValue() + 2) + "-11\",\"security_code\":\"123\"}}}";
    }

    @Test
    void tokensNeedTheClientCredentialsAndApiCallsNeedAToken() {
        given().auth().preemptive().basic("payrail-sandbox-client", "wrong").formParam("grant_type", "client_credentials")
                .post(BASE + "/v1/oauth2/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().auth().preemptive().basic("payrail-sandbox-client", "payrail-sandbox-secret")
                .formParam("grant_type", "password").post(BASE + "/v1/oauth2/token").then().statusCode(400);
        given().header("Authorization", "Bearer nope").get(BASE + "/v2/checkout/orders/X").then().statusCode(401)
                .body("name", equalTo("AUTHENTICATION_FAILURE"));
    }

    @Test
    void theSameRequestIdGetsTheSameOrderBackAndChargesOnce() {
        String requestId = "rq-" + System.nanoTime();
        String first = api(requestId).body(cardOrder("CAPTURE", "10.00", "4242424242424242")).post(BASE + "/v2/checkout/orders")
                .then().statusCode(201).body("status", equalTo("COMPLETED"))
                .body("purchase_units[0].payments.captures[0].status", equalTo("COMPLETED")).extract().path("id");
        String again = api(requestId).body(cardOrder("CAPTURE", "10.00", "4242424242424242")).post(BASE + "/v2/checkout/orders")
                .then().statusCode(201).extract().path("id");
        assertEquals(first, again);
        given().header("Authorization", "Bearer " + token()).get(BASE + "/v2/checkout/orders/" + first).then().statusCode(200)
                .body("payment_source.card.last_digits", equalTo("4242"));
    }

    @Test
    void aCardOrderWithoutRequestIdAndMalformedOrdersAreInvalidRequests() {
        api(null).body(cardOrder("CAPTURE", "10.00", "4242424242424242")).post(BASE + "/v2/checkout/orders").then()
                .statusCode(400).body("name", equalTo("INVALID_REQUEST"))
                .body("details[0].issue", equalTo("PAYPAL_REQUEST_ID_REQUIRED"));
        api("rq-" + System.nanoTime()).body(cardOrder("SALE", "10.00", "4242424242424242")).post(BASE + "/v2/checkout/orders")
                .then().statusCode(400).body("details[0].issue", equalTo("INVALID_PARAMETER_VALUE"));
        api("rq-" + System.nanoTime()).body(cardOrder("CAPTURE", "10.001", "4242424242424242")).post(BASE + "/v2/checkout/orders")
                .then().statusCode(422).body("details[0].issue", equalTo("DECIMAL_PRECISION"));
    }

    @Test
    void declinesAndBusinessRuleErrorsUsePayPalErrorBodies() {
        api("rq-" + System.nanoTime()).body(cardOrder("CAPTURE", "10.00", "4000000000000002")).post(BASE + "/v2/checkout/orders")
                .then().statusCode(422).body("name", equalTo("UNPROCESSABLE_ENTITY")).body("debug_id", notNullValue())
                .body("details[0].issue", equalTo("INSTRUMENT_DECLINED"));
        String orderId = api("rq-" + System.nanoTime()).body(cardOrder("AUTHORIZE", "10.00", "4242424242424242"))
                .post(BASE + "/v2/checkout/orders").then().statusCode(201).extract().path("id");
        String authorizationId = api(null).get(BASE + "/v2/checkout/orders/" + orderId).then()
                .body("purchase_units[0].payments.authorizations[0].status", equalTo("CREATED"))
                .extract().path("purchase_units[0].payments.authorizations[0].id");
        api("rq-" + System.nanoTime()).body("{\"amount\":{\"currency_code\":\"USD\",\"value\":\"10.01\"}}")
                .post(BASE + "/v2/payments/authorizations/" + authorizationId + "/capture").then().statusCode(422)
                .body("details[0].issue", equalTo("MAX_CAPTURE_AMOUNT_EXCEEDED"));
        String captureId = api("rq-" + System.nanoTime()).body("{\"amount\":{\"currency_code\":\"USD\",\"value\":\"4.00\"}}")
                .post(BASE + "/v2/payments/authorizations/" + authorizationId + "/capture").then().statusCode(201)
                .body("status", equalTo("COMPLETED")).extract().path("id");
        api("rq-" + System.nanoTime()).body("{\"amount\":{\"currency_code\":\"USD\",\"value\":\"4.01\"}}")
                .post(BASE + "/v2/payments/captures/" + captureId + "/refund").then().statusCode(422)
                .body("details[0].issue", equalTo("REFUND_AMOUNT_EXCEEDED"));
        api("rq-" + System.nanoTime()).header("Prefer", "return=minimal").body("{}")
                .post(BASE + "/v2/payments/authorizations/" + authorizationId + "/void").then().statusCode(204);
        api("rq-" + System.nanoTime()).body("{}").post(BASE + "/v2/payments/authorizations/" + authorizationId + "/capture")
                .then().statusCode(422).body("details[0].issue", equalTo("AUTHORIZATION_VOIDED"));
        api("rq-" + System.nanoTime()).body("{}").post(BASE + "/v2/checkout/orders/" + orderId + "/authorize").then()
                .statusCode(422).body("details[0].issue", equalTo("ORDER_ALREADY_AUTHORIZED"));
        api(null).get(BASE + "/v2/checkout/orders/NOSUCHORDER").then().statusCode(404)
                .body("name", equalTo("RESOURCE_NOT_FOUND"));
    }

    @Test
    void anUnapprovedOrderCannotBeCaptured() {
        String orderId = api("rq-" + System.nanoTime()).body(cardOrder("CAPTURE", "10.00", "4000002500003155"))
                .post(BASE + "/v2/checkout/orders").then().statusCode(201).body("status", equalTo("PAYER_ACTION_REQUIRED"))
                .body("links.find { it.rel == 'payer-action' }.href", notNullValue()).extract().path("id");
        api("rq-" + System.nanoTime()).body("{}").post(BASE + "/v2/checkout/orders/" + orderId + "/capture").then()
                .statusCode(422).body("details[0].issue", equalTo("ORDER_NOT_APPROVED"));
    }
}
