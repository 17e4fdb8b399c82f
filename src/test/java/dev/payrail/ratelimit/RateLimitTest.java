package dev.payrail.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.RedisTestClient;
import dev.payrail.support.TestEnvironment;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(RateLimitTest.TightLimits.class)
class RateLimitTest {

    /** Small limits, so that they are reached in a test. */
    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "payrail.rate-limit.merchant.per-second", "20",
                    "payrail.rate-limit.merchant.burst", "20",
                    "payrail.rate-limit.auth-failure.limit", "5",
                    "payrail.rate-limit.auth-failure.window", "1m",
                    "payrail.rate-limit.auth-failure.burst", "5",
                    "payrail.rate-limit.public.limit", "3",
                    "payrail.rate-limit.public.window", "1m",
                    "payrail.rate-limit.public.burst", "3");
        }
    }

    private static final String POLICY = "RateLimit-Policy";
    private static final String RATE_LIMIT = "RateLimit";

    @Inject
    RateLimiter limiter;

    @Inject
    MeterRegistry registry;

    @Inject
    AuthFailureGuard authFailures;


    /** Every test starts with fresh per-IP buckets (all requests come from this machine). */
    @BeforeEach
    @AfterEach
    void forgetPerIpBuckets() throws IOException {
        authFailures.forgetLocalBlocks();
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            redis.deleteByPrefix(TestEnvironment.REDIS_PREFIX + "rl:{" + RateLimiter.AUTH_FAILURE + ":");
            redis.deleteByPrefix(TestEnvironment.REDIS_PREFIX + "rl:{" + RateLimiter.PUBLIC + ":");
        }
    }

    private static Response get(String[] merchant) {
        return Api.as(merchant[0], merchant[1]).get("/api/v1/merchant");
    }

    /** A new merchant limited to 1 request per second, burst 1, through the admin API. */
    private static String[] slowMerchant() {
        String[] merchant = Api.newMerchant();
        Api.admin().body("{\"per_second\":1,\"burst\":1}").put("/admin/v1/merchants/" + merchant[2] + "/rate-limit")
                .then().statusCode(200);
        return merchant;
    }

    private static Response untilRejected(String[] merchant, int max) {
        for (int i = 0; i < max; i++) {
            Response r = get(merchant);
            if (r.statusCode() == 429) {
                return r;
            }
            assertEquals(200, r.statusCode());
        }
        throw new AssertionError("no 429 after " + max + " requests");
    }

    /**
     * Paced load at twice the rate for 5 s, straight into the limiter, one check at a time (each
     * check is one Redis round trip, so Redis sees each request when it is sent; through HTTP or
     * with many checks in flight, a busy test machine bunches them and shortens the span Redis
     * sees): GCRA admits rate * duration + burst. The burst covers 2 s, so that a stall of the
     * test machine shorter than that costs no capacity.
     */
    @Test
    void steadyLoadAtTwiceTheRateIsAdmittedAtTheConfiguredRate() {
        Limit limit = Limit.of("steady", 50, Duration.ofSeconds(1), 100);
        String key = "k" + System.nanoTime();
        long period = TimeUnit.MILLISECONDS.toNanos(10); // 100 per second
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(5);
        long first = 0;
        long last = 0;
        int sent = 0;
        int admitted = 0;
        for (long next = start; next < end; next += period) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long before = System.nanoTime();
            Decision d = limiter.check(limit, key).await().atMost(Duration.ofSeconds(5));
            long after = System.nanoTime();
            long at = before + (after - before) / 2; // when Redis ran it, give or take half the round trip
            if (sent++ == 0) {
                first = at;
            }
            last = at;
            assertEquals(Decision.Source.REDIS, d.source());
            if (d.allowed()) {
                admitted++;
            }
        }
        double seconds = (last - first) / 1e9;
        double expected = 50 * seconds + 100;
        System.out.printf("rate limits: admitted %d of %d in %.3f s, expected %.1f%n", admitted, sent, seconds,
                expected);
        assertTrue(Math.abs(admitted - expected) <= expected * 0.05,
                "admitted " + admitted + " of " + sent + " in " + seconds + " s, expected " + expected);
    }

    @Test
    void allowedResponsesCarryThePolicyAndTheRemainingQuota() {
        String[] merchant = Api.newMerchant();
        get(merchant).then().statusCode(200)
                .header(POLICY, "\"merchant\";q=20;w=1")
                .header(RATE_LIMIT, "\"merchant\";r=19;t=1");
        get(merchant).then().statusCode(200)
                .header(RATE_LIMIT, matchesPattern("\"merchant\";r=1[0-9];t=1"));
    }

    @Test
    void rejectionIs429ProblemJsonWithRetryAfter() {
        String[] merchant = slowMerchant();
        untilRejected(merchant, 20).then()
                .contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED"))
                .body("status", equalTo(429))
                .body("limit", equalTo("merchant"))
                .header("Retry-After", "1")
                .header(POLICY, "\"merchant\";q=1;w=1")
                .header(RATE_LIMIT, "\"merchant\";r=0;t=1");
    }

    @Test
    void aMerchantOverrideFromTheAdminApiTakesEffect() {
        String[] merchant = Api.newMerchant();
        Api.admin().body("{\"per_second\":1,\"burst\":2}").put("/admin/v1/merchants/" + merchant[2] + "/rate-limit")
                .then().statusCode(200)
                .body("rate_limit_per_second", equalTo(1))
                .body("rate_limit_burst", equalTo(2));
        Api.admin().get("/admin/v1/merchants/" + merchant[2]).then().statusCode(200)
                .body("rate_limit_per_second", equalTo(1));
        get(merchant).then().statusCode(200)
                .header(POLICY, "\"merchant\";q=1;w=1")
                .header(RATE_LIMIT, "\"merchant\";r=1;t=1");
        int admitted = 1;
        for (int i = 0; i < 4; i++) {
            if (get(merchant).statusCode() == 200) {
                admitted++;
            }
        }
        assertTrue(admitted <= 3, "burst 2 at 1/s admitted " + admitted);

        Api.admin().body("null").put("/admin/v1/merchants/" + merchant[2] + "/rate-limit")
                .then().statusCode(200)
                .body("$", not(hasKey("rate_limit_per_second")))
                .body("$", not(hasKey("rate_limit_burst")));
        get(merchant).then().header(POLICY, "\"merchant\";q=20;w=1");
    }

    @Test
    void anOverrideNeedsBothValuesInRange() {
        String[] merchant = Api.newMerchant();
        String path = "/admin/v1/merchants/" + merchant[2] + "/rate-limit";
        Api.admin().body("{\"per_second\":5}").put(path).then().statusCode(400).body("param", equalTo("burst"));
        Api.admin().body("{\"per_second\":0,\"burst\":5}").put(path).then().statusCode(400)
                .body("param", equalTo("per_second"));
        Api.admin().body("{\"per_second\":1,\"burst\":1}").put("/admin/v1/merchants/mer_nosuchmerchant1/rate-limit")
                .then().statusCode(404);
    }

    @Test
    void failedAuthenticationsDoNotConsumeTheMerchantsQuota() throws IOException {
        String[] merchant = Api.newMerchant();
        for (int i = 0; i < 4; i++) {
            Api.as(merchant[0], "secret_test_wrong").get("/api/v1/merchant").then().statusCode(401)
                    .header(POLICY, "\"auth_failure\";q=5;w=60")
                    .header(RATE_LIMIT, "\"auth_failure\";r=" + (4 - i) + ";t=" + (12 * (i + 1)));
        }
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            assertNull(redis.call("GET", limiter.key(RateLimiter.MERCHANT, merchant[2])));
        }
        get(merchant).then().statusCode(200).header(RATE_LIMIT, "\"merchant\";r=19;t=1");
    }

    @Test
    void keyGuessingFromOneIpIsCutOffEvenForTheRightKey() {
        for (int i = 0; i < 5; i++) {
            Api.as("key_test_guess" + i, "secret_test_guess").get("/api/v1/merchant").then().statusCode(401);
        }
        Api.as("key_test_guess5", "secret_test_guess").get("/api/v1/merchant").then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED"))
                .body("limit", equalTo("auth_failure"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header(POLICY, "\"auth_failure\";q=5;w=60")
                .header(RATE_LIMIT, matchesPattern("\"auth_failure\";r=0;t=[0-9]+"));
        Api.seeded().get("/api/v1/merchant").then().statusCode(429).body("limit", equalTo("auth_failure"));
        given().get("/api/v1/merchant").then().statusCode(429);
        // Endpoints outside /api/v1 are not affected.
        given().get("/test-public/ping/unlimited").then().statusCode(200);
    }

    @Test
    void publicEndpointsAreLimitedPerClientIp() {
        for (int i = 0; i < 3; i++) {
            given().get("/test-public/ping").then().statusCode(200)
                    .header(POLICY, "\"public\";q=3;w=60")
                    .header(RATE_LIMIT, matchesPattern("\"public\";r=" + (2 - i) + ";t=[0-9]+"));
        }
        given().get("/test-public/ping").then().statusCode(429)
                .body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header(RATE_LIMIT, matchesPattern("\"public\";r=0;t=[0-9]+"));
        given().get("/test-public/ping/unlimited").then().statusCode(200)
                .header(POLICY, (String) null);
    }

    @Test
    void paymentAttemptsPerOrderAreLimited() {
        String merchant = "mer_" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Decision d = limiter.checkOrderAttempt(merchant, "order_A").await().atMost(Duration.ofSeconds(5));
            assertTrue(d.allowed());
            assertEquals(4 - i, d.remaining());
        }
        Decision rejected = limiter.checkOrderAttempt(merchant, "order_A").await().atMost(Duration.ofSeconds(5));
        assertFalse(rejected.allowed());
        assertEquals("order_attempt", rejected.limit());
        assertEquals(5, rejected.quota());
        assertEquals(3600, rejected.windowSeconds());
        assertTrue(rejected.retryAfterSeconds() > 600, "next attempt in about 12 minutes");
        assertTrue(limiter.checkOrderAttempt(merchant, "order_B").await().atMost(Duration.ofSeconds(5)).allowed());
    }

    @Test
    void bucketsAreOneExpiringKeyUnderThePrefix() throws IOException {
        // 1 request per second: the bucket is full again, and its key gone, one second after the request
        // (at the profile's 20 per second it would be gone after 50 ms, sooner than a loaded machine asks)
        String[] merchant = slowMerchant();
        get(merchant).then().statusCode(200);
        String key = TestEnvironment.REDIS_PREFIX + "rl:{merchant:" + merchant[2] + "}";
        assertEquals(key, limiter.key(RateLimiter.MERCHANT, merchant[2]));
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            long pttl = (Long) redis.call("PTTL", key);
            assertTrue(pttl > 0 && pttl <= 1000, "the bucket expires once full again: " + pttl);
        }
    }

    @Test
    void anAuthenticatedRequestCostsOneRedisRoundTrip() throws IOException {
        String[] merchant = Api.newMerchant();
        get(merchant).then().statusCode(200); // warm the key cache
        var timer = registry.find("payrail.redis.ratelimit").timer();
        long before = timer.count();
        long evalshaBefore = evalshaCalls();
        int n = 8;
        for (int i = 0; i < n; i++) {
            get(merchant).then().statusCode(200); // 8 < burst 20: all admitted
        }
        long roundTrips = timer.count() - before;
        long evalsha = evalshaCalls() - evalshaBefore;
        System.out.printf("rate limits: %d requests -> %d Redis round trips (EVALSHA calls on the shared server: %d)%n",
                n, roundTrips, evalsha);
        assertEquals(n, roundTrips, "one merchant check per request; the auth-failure block is checked locally");
        assertTrue(evalsha >= n);
    }

    private static Response keyedOrder(String[] merchant, String key, String body) {
        return Api.as(merchant[0], merchant[1]).header("Idempotency-Key", key).body(body).post("/api/v1/orders");
    }

    @Test
    void aKeyedRequestPassesTheLimitInItsClaimAndARefusalClaimsNothing() throws Exception {
        String[] merchant = slowMerchant();
        String body = Bodies.order(1200, "USD");
        String first = "rl-claim-" + Long.toString(System.nanoTime(), 36);
        keyedOrder(merchant, first, body).then().statusCode(201)
                .header(POLICY, "\"merchant\";q=1;w=1").header(RATE_LIMIT, "\"merchant\";r=0;t=1");
        String refused = "rl-refused-" + Long.toString(System.nanoTime(), 36);
        Response rejected = keyedOrder(merchant, refused, body);
        rejected.then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED")).body("limit", equalTo("merchant"))
                .header("Retry-After", "1").header(POLICY, "\"merchant\";q=1;w=1");
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            assertEquals(List.of(), redis.keys(TestEnvironment.REDIS_PREFIX + "idem:{" + merchant[2] + "}:" + refused),
                    "a refused request leaves its key unclaimed");
            assertEquals(1, redis.keys(TestEnvironment.REDIS_PREFIX + "idem:{" + merchant[2] + "}:" + first).size(),
                    "the admitted request's key is held");
        }
        Thread.sleep(1100);
        keyedOrder(merchant, refused, body).then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void aKeyedRequestRefusedOnItsBodyStillCostsTheMerchantOne() {
        String[] merchant = Api.newMerchant();
        String key = "rl-bad-" + Long.toString(System.nanoTime(), 36);
        keyedOrder(merchant, key, "{\"amount\":").then().statusCode(400)
                .header(RATE_LIMIT, "\"merchant\";r=19;t=1");
        keyedOrder(merchant, key + "x", "{\"amount\":").then().statusCode(400)
                .header(RATE_LIMIT, matchesPattern("\"merchant\";r=1[0-8];t=1"));
    }

    @Test
    void rejectionsAreCounted() {
        String[] merchant = slowMerchant();
        double before = rejected("merchant");
        untilRejected(merchant, 20);
        assertTrue(rejected("merchant") >= before + 1);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("payrail_ratelimit_rejected_total{limit=\"merchant\"}"));
        assertTrue(metrics.contains("payrail_redis_ratelimit_seconds_bucket"));
    }

    private double rejected(String limit) {
        var counter = registry.find("payrail.ratelimit.rejected").tag("limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long evalshaCalls() throws IOException {
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            String info = (String) redis.call("INFO", "commandstats");
            for (String line : info.split("\r\n")) {
                if (line.startsWith("cmdstat_evalsha:")) {
                    return Long.parseLong(line.replaceAll("^cmdstat_evalsha:calls=([0-9]+),.*$", "$1"));
                }
            }
            return 0;
        }
    }
}
