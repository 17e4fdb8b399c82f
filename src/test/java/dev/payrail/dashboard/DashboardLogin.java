package dev.payrail.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.payrail.dashboard.security.Tokens;
import dev.payrail.support.Api;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Dashboard sessions for tests: users of any role created through the admin API, logged in through the
 * real login form (GET for the login CSRF cookie, POST email and password). Pages' tests use
 * {@code DashboardLogin.as(Role.VIEWER).get("/dashboard/…")} and {@code .post("/dashboard/…", Map.of(…))}
 * (the {@code _csrf} field is added).
 */
public final class DashboardLogin {

    public static final String SEED_ADMIN = "admin@example.com";

    private DashboardLogin() {
    }

    /** A user created through the admin API: its id, email and initial password. */
    public record User(String id, String merchantId, String email, String password) {
    }

    /** A signed-in browser: its session cookie. */
    public record Session(User user, String cookie) {

        /** The {@code _csrf} value of this session's forms. */
        public String csrf() {
            return Tokens.csrf(cookie);
        }

        /** A request carrying the session cookie, not following redirects. */
        public RequestSpecification request() {
            return given().redirects().follow(false).cookie(DashboardCookies.SESSION, cookie);
        }

        public Response get(String path) {
            return request().get(path);
        }

        /** A form POST with this session's CSRF token added to {@code form}. */
        public Response post(String path, Map<String, String> form) {
            Map<String, String> all = new LinkedHashMap<>(form);
            all.put(DashboardFilter.CSRF_FIELD, csrf());
            return request().formParams(all).post(path);
        }

        public Response post(String path) {
            return post(path, Map.of());
        }
    }

    /** The seeded test merchant's id. */
    public static String seededMerchantId() {
        return Api.seeded().get("/api/v1/merchant").then().statusCode(200).extract().path("id");
    }

    /** A new user of {@code merchantId} with {@code role}, through the admin API. */
    public static User create(String merchantId, Role role) {
        String email = role.code() + "-" + Long.toString(System.nanoTime(), 36) + "@shop.example";
        var body = Api.admin().body("{\"email\":\"" + email + "\",\"role\":\"" + role.code() + "\"}")
                .post("/admin/v1/merchants/" + merchantId + "/dashboard-users").then().statusCode(201).extract().jsonPath();
        return new User(body.getString("id"), merchantId, email, body.getString("initial_password"));
    }

    /** A new user of the seeded merchant with {@code role}, signed in (stage full: no TOTP). */
    public static Session as(Role role) {
        return as(seededMerchantId(), role);
    }

    public static Session as(String merchantId, Role role) {
        User user = create(merchantId, role);
        Response r = submit(user.email(), user.password());
        assertEquals(303, r.statusCode(), r.body().asString());
        return new Session(user, r.cookie(DashboardCookies.SESSION));
    }

    /** The seeded admin, signed in. */
    public static Session seededAdmin() {
        Response r = submit(SEED_ADMIN, Api.seedDashboardPassword());
        assertEquals(303, r.statusCode(), r.body().asString());
        return new Session(new User(null, seededMerchantId(), SEED_ADMIN, Api.seedDashboardPassword()),
                r.cookie(DashboardCookies.SESSION));
    }

    /** Submits the login form like a browser: GET it (login cookie), POST with its CSRF token. */
    public static Response submit(String email, String password) {
        Response form = given().get("/dashboard/login");
        assertEquals(200, form.statusCode());
        String loginToken = form.cookie(DashboardCookies.LOGIN);
        assertNotNull(loginToken);
        return given().redirects().follow(false).cookie(DashboardCookies.LOGIN, loginToken)
                .formParam("email", email).formParam("password", password)
                .formParam(DashboardFilter.CSRF_FIELD, Tokens.csrf(loginToken)).post("/dashboard/login");
    }
}
