package dev.payrail.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisDownHealthTest.RedisOnClosedPort.class)
class RedisDownHealthTest {

    public static class RedisOnClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "1s");
        }
    }

    @Test
    void readinessStaysUpAndReportsRedisDown() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == '" + RedisReadiness.NAME + "' }.data.redis", equalTo("DOWN"))
                .body("checks.find { it.name.contains('PostgreSQL') }.status", equalTo("UP"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("payrail_redis_available 0.0"), "gauge shows Redis down");
    }

    @Test
    void summaryNamesRedisAsDownWithoutFailing() {
        given().get("/health").then().statusCode(200)
                .body("status", equalTo("DEGRADED"))
                .body("database", equalTo("UP"))
                .body("redis", equalTo("DOWN"));
    }

    @Test
    void livenessStaysUp() {
        given().get("/q/health/live").then().statusCode(200);
    }
}
