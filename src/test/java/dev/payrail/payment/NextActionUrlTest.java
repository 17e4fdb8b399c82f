package dev.payrail.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.payrail.support.Bodies;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * {@code next_action.url} is absolute whichever provider asks for the customer's action, so a
 * client can open it as it is (this server's public base URL; locally http://localhost:port).
 */
@QuarkusTest
class NextActionUrlTest {

    @ParameterizedTest
    @ValueSource(strings = { "simulator", "stripe", "paypal" })
    void theCustomersNextActionUrlIsAbsoluteAndOpens(String provider) {
        var merchant = Providers.routingTo(provider);
        JsonPath p = merchant.api().body(Bodies.cardPayment(4200, "USD", "4000002500003155", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).extract().jsonPath();
        assertEquals("requires_action", p.getString("status"), provider);
        assertEquals(provider, p.getString("provider"));
        URI url = URI.create(p.getString("next_action.url"));
        assertTrue(url.isAbsolute(), provider + ": " + url);
        assertEquals("http", url.getScheme());
        assertEquals("localhost", url.getHost());
        assertEquals(RestAssured.port, url.getPort(), provider + ": " + url);
        RestAssured.given().urlEncodingEnabled(false).get(url.toString()).then().statusCode(200).contentType("text/html");
    }
}
