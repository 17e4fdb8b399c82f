package dev.payrail.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Redis is unreachable: merchants keep working on the per-pod bucket, failed auth is refused. */
@QuarkusTest
@TestProfile(RedisDownRateLimitTest.RedisOnClosedPort.class)
class RedisDownRateLimitTest {

    public static class RedisOnClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "1s",
                    "payrail.rate-limit.merchant.per-second", "20",
                    "payrail.rate-limit.merchant.burst", "10");
        }
    }

    @Test
    void merchantRequestsSucceedThroughTheLocalBucket() {
        Api.seeded().get("/api/v1/merchant").then().statusCode(200)
                .body("api_key", equalTo(Api.SEED_KEY))
                .header("RateLimit-Policy", "\"merchant\";q=20;w=1")
                .header("RateLimit", matchesPattern("\"merchant\";r=[0-9]+;t=[0-9]+"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("payrail_ratelimit_redis_fallback_total{limit=\"merchant\"}"), metrics);
    }

    @Test
    void theLocalBucketStillLimitsWithTheMerchantsOverride() {
        String[] merchant = Api.newMerchant();
        Api.admin().body("{\"per_second\":1,\"burst\":1}").put("/admin/v1/merchants/" + merchant[2] + "/rate-limit")
                .then().statusCode(200);
        boolean rejected = false;
        for (int i = 0; i < 20 && !rejected; i++) {
            int status = Api.as(merchant[0], merchant[1]).get("/api/v1/merchant").statusCode();
            rejected = status == 429;
        }
        assertTrue(rejected);
    }

    @Test
    void failedAuthenticationIsRefusedClosed() {
        Api.as(Api.SEED_KEY, "secret_test_wrong").get("/api/v1/merchant").then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED"))
                .body("limit", equalTo("auth_failure"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        given().get("/api/v1/merchant").then().statusCode(429);
    }
}
