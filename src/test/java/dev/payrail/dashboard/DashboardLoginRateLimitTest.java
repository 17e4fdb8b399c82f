package dev.payrail.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.DashboardLogin.User;
import dev.payrail.dashboard.security.Tokens;
import dev.payrail.ratelimit.AuthFailureGuard;
import dev.payrail.ratelimit.RateLimiter;
import dev.payrail.support.RedisTestClient;
import dev.payrail.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The login form when the client IP ran out of failed logins (5 a minute in this test's profile): a
 * browser gets a {@code 429} page saying when to try again, with {@code Retry-After}, even for the right
 * password; a client asking for JSON keeps the API's problem+json.
 */
@QuarkusTest
@TestProfile(DashboardLoginRateLimitTest.FiveFailedLogins.class)
class DashboardLoginRateLimitTest {

    /** Five failed authentications per IP and minute, as RateLimitTest's. */
    public static class FiveFailedLogins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("payrail.rate-limit.auth-failure.limit", "5", "payrail.rate-limit.auth-failure.window", "1m",
                    "payrail.rate-limit.auth-failure.burst", "5");
        }
    }

    @Inject
    AuthFailureGuard authFailures;

    @BeforeEach
    @AfterEach
    void forgetPerIpBuckets() throws IOException {
        authFailures.forgetLocalBlocks();
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            redis.deleteByPrefix(TestEnvironment.REDIS_PREFIX + "rl:{" + RateLimiter.AUTH_FAILURE + ":");
        }
    }

    private static Response post(String email, String password, String accept) {
        Response form = given().get("/dashboard/login");
        String loginToken = form.cookie(DashboardCookies.LOGIN);
        var request = given().redirects().follow(false).cookie(DashboardCookies.LOGIN, loginToken)
                .formParam("email", email).formParam("password", password)
                .formParam(DashboardFilter.CSRF_FIELD, Tokens.csrf(loginToken));
        if (accept != null) {
            request = request.accept(accept);
        }
        return request.post("/dashboard/login");
    }

    @Test
    void aBrowserGetsAPageSayingWhenToTryAgainAndJsonClientsTheProblem() {
        User u = DashboardLogin.create(DashboardLogin.seededMerchantId(), Role.VIEWER);
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        for (int i = 0; i < 5; i++) {
            post("nobody-" + i + "@shop.example", "wrong", browser).then().statusCode(401);
        }
        post("nobody-5@shop.example", "wrong", browser).then().statusCode(429)
                .contentType(startsWith("text/html"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Policy", "\"auth_failure\";q=5;w=60")
                .body(containsString("id=\"too-many-attempts\""))
                .body(matchesPattern("(?s).*Try again after <strong id=\"retry-at\">\\d{2}:\\d{2}:\\d{2} UTC</strong>.*"))
                .body(containsString("href=\"/dashboard/login\""));
        // blocked before the password is checked: the right one too, and a default Accept is a browser's
        post(u.email(), u.password(), null).then().statusCode(429).contentType(startsWith("text/html"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        post(u.email(), u.password(), "application/json").then().statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .body("limit", equalTo("auth_failure")).header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }
}
