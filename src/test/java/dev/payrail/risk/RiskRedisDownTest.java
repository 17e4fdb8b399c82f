package dev.payrail.risk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Redis is unreachable: the velocity rules count the merchant's payments in PostgreSQL instead (every
 * velocity rule has this fallback), so they still fire, and say where they counted.
 */
@QuarkusTest
@TestProfile(RiskRedisDownTest.RedisOnClosedPort.class)
class RiskRedisDownTest {

    public static class RedisOnClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "1s");
        }
    }

    @Test
    void cardAndCustomerVelocityAreCountedInPostgreSQL() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"review_threshold\":30,\"card_velocity\":{\"limit\":2,\"window_seconds\":600,\"points\":30},"
                + "\"customer_velocity\":{\"limit\":1,\"points\":50}}");
        String body = RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic");
        shop.pay(body).then().statusCode(201).body("risk.decision", equalTo("allow"));
        shop.pay(body).then().statusCode(201).body("risk.decision", equalTo("allow"));
        JsonPath third = shop.pay(body).then().statusCode(201).extract().jsonPath();
        assertEquals("review", third.getString("risk.decision"));
        assertEquals("velocity_card", third.getString("risk.reasons[0].rule"));
        assertEquals("3 payments with this card in 600 s (limit 2) (counted in PostgreSQL: Redis unavailable)",
                third.getString("risk.reasons[0].detail"));

        String customer = RiskFixtures.card(1000, "USD", RiskFixtures.MASTERCARD, "automatic",
                shop.customer("offline"));
        shop.pay(customer).then().statusCode(201).body("risk.decision", equalTo("allow"));
        shop.pay(customer).then().statusCode(201).body("risk.decision", equalTo("review"))
                .body("risk.reasons[0].rule", equalTo("velocity_customer"));
        // another merchant's payments are not counted
        var other = RiskFixtures.shop();
        other.settings("{\"review_threshold\":30,\"card_velocity\":{\"limit\":2,\"window_seconds\":600,\"points\":30}}");
        other.pay(body).then().statusCode(201).body("risk.decision", equalTo("allow"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("payrail_risk_velocity_fallback_total"), metrics);
    }

    @Test
    void blockListsDoNotNeedRedis() {
        var shop = RiskFixtures.shop();
        shop.block("bin", "424242");
        shop.pay(RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic")).then().statusCode(402)
                .body("decline_code", equalTo("fraudulent"));
    }
}
