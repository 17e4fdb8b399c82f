package dev.payrail.checkout;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The publishable key, the checkout settings, the public endpoints and the page's headers, over HTTP. */
@QuarkusTest
class CheckoutApiTest {

    private static final String CARD = "{\"method\":\"card\",\"card\":{\"number\":\"4242424242424242\","
            + "\"expiry_month\":12,\"expiry_year\":2034,\"cvc\":\"123\"}}";

    @Test
    void everyMerchantHasAPublishableKeyThatRotates() {
        var shop = CheckoutFixtures.shop();
        assertTrue(shop.publishableKey().matches("pk_test_[0-9A-Za-z]{24}"), shop.publishableKey());
        String rotated = shop.api().post("/api/v1/merchant/publishable_key/rotate").then().statusCode(200)
                .body("publishable_key", matchesPattern("pk_test_[0-9A-Za-z]{24}")).extract().path("publishable_key");
        assertNotEquals(shop.publishableKey(), rotated);
        String order = shop.order(1999, "USD");
        shop.checkout().get("/v1/checkout/orders/" + order).then().statusCode(401);
        given().header("X-Publishable-Key", rotated).get("/v1/checkout/orders/" + order).then().statusCode(200);
        // the seeded merchant got one from the migration or the seeder
        Api.seeded().get("/api/v1/merchant").then().statusCode(200).body("publishable_key", matchesPattern("pk_test_\\w+"));
    }

    @Test
    void allowedOriginsAreOriginsOnly() {
        var shop = CheckoutFixtures.shop();
        shop.api().body(Map.of("allowed_origins", List.of("https://Shop.example:443", "http://localhost:3000")))
                .put("/api/v1/merchant/checkout_settings").then().statusCode(200)
                .body("checkout_allowed_origins", equalTo(List.of("https://shop.example", "http://localhost:3000")));
        for (String bad : List.of("https://shop.example/path", "ftp://shop.example", "shop.example",
                "https://shop.example?x=1", "https://user@shop.example")) {
            shop.api().body(Map.of("allowed_origins", List.of(bad))).put("/api/v1/merchant/checkout_settings")
                    .then().statusCode(400).contentType("application/problem+json").body("param", equalTo("allowed_origins"));
        }
        shop.api().body(Map.of("allowed_origins", List.of(), "logo_url", "javascript:alert(1)"))
                .put("/api/v1/merchant/checkout_settings").then().statusCode(400).body("param", equalTo("logo_url"));
        shop.api().get("/api/v1/merchant").then().statusCode(200)
                .body("checkout_allowed_origins", hasItem("https://shop.example"));
    }

    @Test
    void liveModeAllowsOnlyHttpsOriginsAndNoLocalhost() {
        assertEquals(List.of("https://shop.example"), AllowedOrigins.validate(List.of("https://shop.example"), false));
        assertEquals("http://127.0.0.1:4100", AllowedOrigins.matching(List.of("http://127.0.0.1:4100"), "HTTP://127.0.0.1:4100"));
        assertEquals("", AllowedOrigins.matching(List.of("http://127.0.0.1:4100"), "http://127.0.0.1:4101"));
        assertEquals("", AllowedOrigins.matching(List.of("http://127.0.0.1:4100"), "null"));
        for (String bad : List.of("http://shop.example", "https://localhost:8443", "https://127.0.0.1")) {
            try {
                AllowedOrigins.validate(List.of(bad), false);
                throw new AssertionError(bad + " was accepted in live mode");
            } catch (dev.payrail.common.ApiException expected) {
                assertEquals(400, expected.status());
            }
        }
    }

    @Test
    void publicEndpointsAreScopedToThePublishableKeysMerchantAndNeverShowTheSecret() {
        var shop = CheckoutFixtures.shop();
        var other = CheckoutFixtures.shop();
        String order = shop.order(1999, "USD");
        given().get("/v1/checkout/orders/" + order).then().statusCode(401);
        given().header("X-Publishable-Key", shop.key()).get("/v1/checkout/orders/" + order).then().statusCode(401);
        other.checkout().get("/v1/checkout/orders/" + order).then().statusCode(404);
        // a publishable key opens nothing of the merchant API
        given().header("X-Api-Key", shop.publishableKey()).header("X-Api-Secret", shop.publishableKey())
                .get("/api/v1/merchant").then().statusCode(401);
        shop.checkout().header("Accept-Language", "es-ES").get("/v1/checkout/orders/" + order).then().statusCode(200)
                .body("amount", equalTo(1999)).body("currency_exponent", equalTo(2))
                .body("amount_formatted", containsString("19,99")).body("methods", equalTo(List.of("card")))
                .body("test_mode", equalTo(true)).body("latest_payment", nullValue());

        String body = given().get("/checkout?order_id=" + order).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(body.contains(shop.publishableKey()));
        assertTrue(!body.contains(shop.secret()) && !body.contains("secret_test_") && !body.contains("whsec_"));
    }

    @Test
    void aCardPaymentIsIdempotentAndSigned() throws Exception {
        var shop = CheckoutFixtures.shop();
        String order = shop.order(2500, "EUR");
        var first = shop.checkout().header("Idempotency-Key", "co-" + Long.toString(System.nanoTime(), 36)).body(CARD);
        String key = "co-" + Long.toString(System.nanoTime(), 36);
        var created = shop.checkout().header("Idempotency-Key", key).body(CARD)
                .post("/v1/checkout/orders/" + order + "/payments").then().statusCode(201)
                .body("outcome", equalTo("succeeded")).body("status", equalTo("captured"))
                .body("$", not(org.hamcrest.Matchers.hasKey("card"))).extract().jsonPath();
        String paymentId = created.getString("id");
        assertEquals(CheckoutFixtures.expectedSignature(shop.webhookSecret(), order, paymentId),
                created.getString("signature"));
        shop.checkout().header("Idempotency-Key", key).body(CARD).post("/v1/checkout/orders/" + order + "/payments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(paymentId));
        shop.checkout().get("/v1/checkout/orders/" + order + "/payments/" + paymentId).then().statusCode(200)
                .body("outcome", equalTo("succeeded")).body("signature", notNullValue());
        shop.checkout().get("/v1/checkout/orders/" + order).then().statusCode(200)
                .body("status", equalTo("paid")).body("latest_payment.id", equalTo(paymentId));
        first.post("/v1/checkout/orders/" + order + "/payments").then().statusCode(409);
        // the merchant API sees the payment like any other
        shop.api().get("/api/v1/payments/" + paymentId).then().statusCode(200).body("amount", equalTo(2500));
    }

    @Test
    void aDeclineIsAProblemTheCustomerCanRecoverFrom() {
        var shop = CheckoutFixtures.shop();
        String order = shop.order(1000, "USD");
        shop.checkout().header("Idempotency-Key", "co-" + Long.toString(System.nanoTime(), 36))
                .body(CARD.replace("4242424242424242", "4000000000000002"))
                .post("/v1/checkout/orders/" + order + "/payments").then().statusCode(402)
                .contentType("application/problem+json").body("code", equalTo("PAYMENT_DECLINED"))
                .body("decline_code", equalTo("generic_decline")).body("recoverable", equalTo(true))
                .body("payment_id", matchesPattern("pay_\\w+"));
        shop.checkout().body(CARD.replace("4242424242424242", "4242424242424241"))
                .post("/v1/checkout/orders/" + order + "/payments").then().statusCode(400)
                .body("param", equalTo("card.number"));
    }

    @Test
    void submissionsPerCardAreLimited() {
        var shop = CheckoutFixtures.shop();
        String declined = CARD.replace("4242424242424242", "4000000000009995");
        int limit = 10;
        int rejected = 0;
        for (int i = 0; i < limit + 1; i++) {
            // a new order each time: the order-attempt limit does not interfere
            String order = shop.order(1000, "USD");
            int status = shop.checkout().body(declined).post("/v1/checkout/orders/" + order + "/payments")
                    .then().extract().statusCode();
            if (status == 429) {
                rejected++;
            } else {
                assertEquals(402, status);
            }
        }
        assertEquals(1, rejected, "the " + (limit + 1) + "th submission of one card is refused");
    }

    @Test
    void thePageSendsItsSecurityHeaders() {
        var shop = CheckoutFixtures.shop("http://127.0.0.1:4100", "https://shop.example");
        String order = shop.order(1999, "USD");
        String csp = given().get("/checkout?order_id=" + order + "&key=" + shop.publishableKey()).then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").extract().header("Content-Security-Policy");
        assertTrue(csp.contains("frame-ancestors http://127.0.0.1:4100 https://shop.example"), csp);
        assertTrue(csp.contains("script-src 'self';") && !csp.contains("unsafe-inline"), csp);
        // the page talks (postMessage) only to an embedding origin the merchant allowed
        given().get("/checkout?order_id=" + order + "&origin=http://127.0.0.1:4100").then().statusCode(200)
                .body(containsString("data-parent-origin=\"http://127.0.0.1:4100\""));
        given().get("/checkout?order_id=" + order + "&origin=https://evil.example").then().statusCode(200)
                .body(containsString("data-parent-origin=\"\""));
        var none = CheckoutFixtures.shop();
        String other = none.order(1999, "USD");
        given().get("/checkout?order_id=" + other).then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().get("/checkout?order_id=order_doesnotexist00000").then().statusCode(404)
                .contentType(containsString("text/html"));
        // the key must be the order's merchant's
        given().get("/checkout?order_id=" + order + "&key=" + none.publishableKey()).then().statusCode(404);
    }

    @Test
    void thePagesScriptAndStylesAreFilesOfThisOrigin() {
        given().get("/checkout/assets/checkout-page.js").then().log().ifValidationFails().statusCode(200)
                .contentType(containsString("text/javascript")).header("X-Content-Type-Options", "nosniff");
        given().get("/checkout/assets/checkout.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/checkout/assets/nothing.js").then().statusCode(404);
        given().get("/checkout/assets/..%2Fpage.html").then().statusCode(404);
    }

    @Test
    void checkoutJsIsServedWithItsIntegrityHash() throws Exception {
        byte[] js = given().get("/v1/checkout.js").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*").contentType(containsString("javascript"))
                .extract().asByteArray();
        String integrity = given().accept(ContentType.JSON).get("/v1/checkout.json").then().statusCode(200)
                .extract().path("integrity");
        String expected = "sha384-" + java.util.Base64.getEncoder()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-384").digest(js));
        assertEquals(expected, integrity);
    }

    @Test
    void theWalletsOfferedAreTheShopsQrAndRedirectProvidersAndNoOtherIsTaken() {
        var shop = CheckoutFixtures.shop();
        shop.api().body("{\"enabled\":true,\"priority\":1}").patch("/api/v1/providers/wechat_pay").then().statusCode(200);
        shop.api().body("{\"enabled\":true,\"priority\":2}").patch("/api/v1/providers/alipay").then().statusCode(200);
        shop.api().body("{\"enabled\":true,\"priority\":3}").patch("/api/v1/providers/simulator").then().statusCode(200);
        String order = shop.order(8800, "CNY");
        shop.checkout().get("/v1/checkout/orders/" + order).then().statusCode(200)
                .body("methods", equalTo(List.of("card", "wallet:alipay", "wallet:wechat_pay")));
        // the simulator takes wallets too, but it is no wallet this checkout offers
        shop.checkout().header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .body("{\"method\":\"wallet\",\"wallet\":{\"wallet\":\"simulator\"}}")
                .post("/v1/checkout/orders/" + order + "/payments").then().statusCode(400)
                .body("param", equalTo("wallet.wallet"));
        shop.api().get("/api/v1/orders/" + order + "/payments").then().statusCode(200).body("data.size()", equalTo(0));

        String id = shop.checkout().header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .body("{\"method\":\"wallet\",\"wallet\":{\"wallet\":\"wechat_pay\"}}")
                .post("/v1/checkout/orders/" + order + "/payments").then().statusCode(201)
                .body("status", equalTo("requires_action")).body("next_action.type", equalTo("display_qr_code"))
                .extract().path("id");
        shop.api().get("/api/v1/payments/" + id).then().statusCode(200).body("provider", equalTo("wechat_pay"))
                .body("wallet.return_url", containsString("/checkout?order_id=" + order));
    }
}
