package dev.payrail.provider;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/v1/providers} tells what the routing does: {@code enabled} when a payment of this
 * merchant can go to the provider, {@code default_route} when it is also tried without naming it.
 */
@QuarkusTest
class ProviderListingTest {

    private static String paymentVia(String provider) {
        return "{\"amount\":1200,\"currency\":\"USD\",\"method\":\"card\",\"provider\":\"" + provider + "\",\"card\":"
                + Bodies.card("4242424242424242") + "}";
    }

    @Test
    void withoutAccountsEveryCallableProviderIsEnabledAndTheDefaultOrderIsTheDefaultRoute() {
        String[] m = Api.newMerchant();
        var merchant = new Providers.Merchant(m[0], m[1], m[2]);
        JsonPath list = merchant.api().get("/api/v1/providers").then().statusCode(200).extract().jsonPath();
        // test profile: the platform's sandbox accounts of Stripe and PayPal, default order simulator,bank_transfer
        for (String p : List.of("stripe", "paypal", "simulator")) {
            assertEquals(Boolean.TRUE, list.get("data.find { it.provider == '" + p + "' }.enabled"), p);
        }
        assertEquals(List.of("bank_transfer", "simulator"),
                list.<String>getList("data.findAll { it.default_route }.provider").stream().sorted().toList());
        // and the listing is right: Stripe and PayPal take a payment that names them
        merchant.api().body(paymentVia("stripe")).post("/api/v1/payments").then().statusCode(201)
                .body("provider", equalTo("stripe"));
        merchant.api().body(paymentVia("paypal")).post("/api/v1/payments").then().statusCode(201)
                .body("provider", equalTo("paypal"));
    }

    @Test
    void aProviderTheMerchantDisabledIsNotEnabledAndRefusesPayments() {
        var merchant = Providers.routingTo("stripe");
        merchant.api().body("{\"enabled\":false}").patch("/api/v1/providers/paypal").then().statusCode(200)
                .body("enabled", equalTo(false)).body("default_route", equalTo(false));
        JsonPath list = merchant.api().get("/api/v1/providers").then().statusCode(200).extract().jsonPath();
        assertEquals(Boolean.FALSE, list.get("data.find { it.provider == 'paypal' }.enabled"));
        assertEquals(Boolean.TRUE, list.get("data.find { it.provider == 'stripe' }.default_route"));
        // a provider without an account of this merchant is still taken when named, but not routed to
        assertEquals(Boolean.TRUE, list.get("data.find { it.provider == 'simulator' }.enabled"));
        assertEquals(Boolean.FALSE, list.get("data.find { it.provider == 'simulator' }.default_route"));
        assertEquals(List.of("stripe"), list.getList("data.findAll { it.default_route }.provider"));

        merchant.api().body(paymentVia("paypal")).post("/api/v1/payments").then().statusCode(400)
                .body("param", equalTo("provider"));
        merchant.api().body(paymentVia("simulator")).post("/api/v1/payments").then().statusCode(201)
                .body("provider", equalTo("simulator"));
        merchant.api().body(Bodies.cardPayment(900, "USD", "4242424242424242", "automatic")).post("/api/v1/payments")
                .then().statusCode(201).body("provider", equalTo("stripe"));
    }
}
