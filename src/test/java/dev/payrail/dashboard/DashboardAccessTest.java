package dev.payrail.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.DashboardLogin.Session;
import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The role matrix over HTTP (every dashboard action built so far × every role), CSRF on every POST,
 * forged POSTs refused with 403 and audited, and merchants isolated from each other.
 */
@QuarkusTest
class DashboardAccessTest {

    private static final Map<Role, Session> SESSIONS = new EnumMap<>(Role.class);
    private static String merchantId;

    @Inject
    Pool pool;

    /** An action of the dashboard: what it does with a session, the roles allowed, and the status when allowed. */
    record Action(String name, Function<Session, Response> call, Set<Role> allowed, int okStatus) {
    }

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final Set<Role> REFUNDERS = EnumSet.of(Role.SUPPORT, Role.OPERATOR, Role.ADMIN);
    private static final Set<Role> OPERATORS = EnumSet.of(Role.OPERATOR, Role.ADMIN);

    /** A fresh card payment of the seeded merchant through the API (captured, or authorized with "manual"). */
    static String seededPayment(String capture) {
        return Api.seeded().body(dev.payrail.support.Bodies.cardPayment(2000, "USD", "4242424242424242", capture))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
    }

    static List<Action> actions() {
        return List.of(
                new Action("GET overview", s -> s.get("/dashboard"), ALL, 200),
                new Action("GET account", s -> s.get("/dashboard/account"), ALL, 200),
                new Action("POST account/totp/start", s -> s.post("/dashboard/account/totp/start"), ALL, 200),
                new Action("GET team", s -> s.get("/dashboard/team"), ADMIN, 200),
                new Action("GET audit", s -> s.get("/dashboard/audit"), ADMIN, 200),
                new Action("POST team/invite", s -> s.post("/dashboard/team/invite",
                        Map.of("email", "inv-" + System.nanoTime() + "@shop.example", "role", "viewer")), ADMIN, 200),
                new Action("POST team/{id}/role", s -> s.post("/dashboard/team/"
                        + DashboardLogin.create(merchantId, Role.VIEWER).id() + "/role", Map.of("role", "support")), ADMIN, 303),
                new Action("POST team/{id}/deactivate", s -> s.post("/dashboard/team/"
                        + DashboardLogin.create(merchantId, Role.VIEWER).id() + "/deactivate"), ADMIN, 303),
                new Action("POST team/settings", s -> s.post("/dashboard/team/settings", Map.of()), ADMIN, 303),
                new Action("POST team/{id}/password-link", s -> s.post("/dashboard/team/"
                        + DashboardLogin.create(merchantId, Role.VIEWER).id() + "/password-link"), ADMIN, 200),
                new Action("POST account/password", s -> s.post("/dashboard/account/password", Map.of(
                        "current_password", s.user().password(), "new_password", "matrix password " + System.nanoTime(),
                        "new_password_confirm", "mismatch")), ALL, 400),
                new Action("GET webhooks", s -> s.get("/dashboard/webhooks"), ALL, 200),
                new Action("GET webhooks/deliveries/{id}", s -> s.get("/dashboard/webhooks/deliveries/whd_nosuchdelivery0"),
                        ALL, 404),
                new Action("POST webhooks/endpoint", s -> s.post("/dashboard/webhooks/endpoint",
                        Map.of("url", "https://shop.example/hooks", "events", "no.such_event")), ADMIN, 400),
                new Action("POST webhooks/rotate-secret", s -> hooksSession(s).post("/dashboard/webhooks/rotate-secret"),
                        ADMIN, 200),
                new Action("POST webhooks/deliveries/{id}/retry",
                        s -> s.post("/dashboard/webhooks/deliveries/whd_nosuchdelivery0/retry"), ADMIN, 404),
                new Action("POST webhooks/redeliver", s -> s.post("/dashboard/webhooks/redeliver",
                        Map.of("event_ids", "evt_nosuchevent000")), ADMIN, 303),
                new Action("POST webhooks/test", s -> hooksSession(s).post("/dashboard/webhooks/test"), ADMIN, 409),
                new Action("GET keys", s -> s.get("/dashboard/keys"), ADMIN, 200),
                new Action("POST keys/rotate-secret", s -> hooksSession(s).post("/dashboard/keys/rotate-secret"), ADMIN, 200),
                new Action("POST keys/rotate-publishable-key",
                        s -> hooksSession(s).post("/dashboard/keys/rotate-publishable-key"), ADMIN, 200),
                new Action("GET checkout", s -> s.get("/dashboard/checkout"), ADMIN, 200),
                new Action("POST checkout", s -> s.post("/dashboard/checkout",
                        Map.of("allowed_origins", "ftp://bad.example", "logo_url", "")), ADMIN, 400),
                new Action("GET developers", s -> s.get("/dashboard/developers"), ALL, 200),
                new Action("GET test-mode", s -> s.get("/dashboard/test-mode"), ALL, 200),
                new Action("POST test-mode/decline", s -> hooksSession(s).post("/dashboard/test-mode/decline"),
                        EnumSet.of(Role.OPERATOR, Role.ADMIN), 200),
                new Action("POST test-mode/dispute", s -> s.post("/dashboard/test-mode/dispute",
                        Map.of("payment_id", "pay_nosuchpayment0")), OPERATORS, 404),
                new Action("POST test-mode/webhook-failure", s -> hooksSession(s).post("/dashboard/test-mode/webhook-failure"),
                        ADMIN, 409),
                new Action("GET payments", s -> s.get("/dashboard/payments?status=captured"), ALL, 200),
                new Action("GET payments.csv", s -> s.get("/dashboard/payments.csv?currency=USD"), ALL, 200),
                new Action("GET payments/{id}", s -> s.get("/dashboard/payments/" + seededPayment("automatic")), ALL, 200),
                new Action("GET orders", s -> s.get("/dashboard/orders"), ALL, 200),
                new Action("GET refunds", s -> s.get("/dashboard/refunds"), ALL, 200),
                new Action("POST payments/{id}/refund", s -> s.post("/dashboard/payments/" + seededPayment("automatic")
                        + "/refund", Map.of("amount", "1.00", "reason", "matrix", "idempotency_key",
                                dev.payrail.dashboard.page.PaymentActions.newKey())), REFUNDERS, 303),
                new Action("POST payments/{id}/capture", s -> s.post("/dashboard/payments/" + seededPayment("manual")
                        + "/capture", Map.of("idempotency_key", dev.payrail.dashboard.page.PaymentActions.newKey())), OPERATORS, 303),
                new Action("POST payments/{id}/cancel", s -> s.post("/dashboard/payments/" + seededPayment("manual")
                        + "/cancel", Map.of("idempotency_key", dev.payrail.dashboard.page.PaymentActions.newKey())), OPERATORS, 303),
                new Action("POST logout", s -> s.post("/dashboard/logout"), ALL, 303));
    }

    private static final Map<Role, Session> HOOK_SESSIONS = new EnumMap<>(Role.class);
    private static String hooksMerchant;

    /** The same role on a merchant of its own: rotating the seeded merchant's webhook secret would break its users. */
    private static Session hooksSession(Session s) {
        Role role = SESSIONS.entrySet().stream().filter(e -> e.getValue().user().id().equals(s.user().id()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        if (hooksMerchant == null) {
            hooksMerchant = Api.newMerchant()[2];
        }
        return HOOK_SESSIONS.computeIfAbsent(role, r -> DashboardLogin.as(hooksMerchant, r));
    }

    @BeforeEach
    void seededMerchant() {
        if (merchantId == null) {
            merchantId = DashboardLogin.seededMerchantId();
        }
    }

    private static Session session(Role role) {
        return SESSIONS.computeIfAbsent(role, DashboardLogin::as);
    }

    @Test
    void everyActionTimesEveryRole() {
        for (Action action : actions()) {
            for (Role role : Role.values()) {
                Session s = action.name().equals("POST logout") ? DashboardLogin.as(role) : session(role);
                Response r = action.call().apply(s);
                int expected = action.allowed().contains(role) ? action.okStatus() : 403;
                assertEquals(expected, r.statusCode(), action.name() + " as " + role + ": " + r.body().asString());
            }
        }
    }

    @Test
    void viewersForgedPostIsRefusedAndAudited() {
        Session viewer = DashboardLogin.as(Role.VIEWER);
        String email = "forged-" + System.nanoTime() + "@shop.example";
        viewer.post("/dashboard/team/invite", Map.of("email", email, "role", "admin")).then().statusCode(403);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_type = 'dashboard_user' AND actor_id = $1 "
                + "AND action = 'dashboard.forbidden' AND merchant_id = $2 AND ip IS NOT NULL AND request_id IS NOT NULL "
                + "AND detail LIKE 'POST /dashboard/team/invite needs manage_users'", viewer.user().id(), merchantId));
        assertEquals(0, count("SELECT count(*) FROM dashboard_users WHERE email = $1", email), "no user was created");
    }

    @Test
    void viewersForgedWebhookPostsAreRefusedAndAudited() {
        Session viewer = DashboardLogin.as(Role.VIEWER);
        viewer.post("/dashboard/webhooks/rotate-secret").then().statusCode(403);
        viewer.post("/dashboard/webhooks/endpoint", Map.of("url", "https://evil.example/hooks")).then().statusCode(403);
        assertEquals(2, count("SELECT count(*) FROM audit_log WHERE actor_type = 'dashboard_user' AND actor_id = $1 "
                + "AND action = 'dashboard.forbidden' AND merchant_id = $2 AND detail LIKE '%/dashboard/webhooks/%"
                + "needs manage_webhooks'", viewer.user().id(), merchantId));
        assertEquals(0, count("SELECT count(*) FROM merchants WHERE webhook_url = $1", "https://evil.example/hooks"));
    }

    @Test
    void postWithoutOrWithAnotherSessionsCsrfTokenIsRefusedAndAudited() {
        Session admin = session(Role.ADMIN);
        Session other = DashboardLogin.as(Role.ADMIN);
        String email = "csrf-" + System.nanoTime() + "@shop.example";
        admin.request().formParam("email", email).formParam("role", "viewer").post("/dashboard/team/invite")
                .then().statusCode(403);
        admin.request().formParam("email", email).formParam("role", "viewer")
                .formParam(DashboardFilter.CSRF_FIELD, other.csrf()).post("/dashboard/team/invite").then().statusCode(403);
        assertEquals(2, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.csrf_rejected'",
                admin.user().id(), null));
        assertEquals(0, count("SELECT count(*) FROM dashboard_users WHERE email = $1", email));
    }

    @Test
    void withoutSessionPagesRedirectToLoginAndPostsAreRefused() {
        RestAssured.given().redirects().follow(false).get("/dashboard/team").then().statusCode(303)
                .header("Location", containsString("/dashboard/login"));
        RestAssured.given().redirects().follow(false).cookie(DashboardCookies.SESSION, "x".repeat(43))
                .get("/dashboard").then().statusCode(303);
        RestAssured.given().redirects().follow(false).formParam("email", "x@shop.example").formParam("role", "admin")
                .post("/dashboard/team/invite").then().statusCode(403);
    }

    @Test
    void pagesAreNotCachedNorFramed() {
        session(Role.VIEWER).get("/dashboard").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void merchantsSeeNothingOfEachOther() {
        String otherMerchant = Api.newMerchant()[2];
        Session outsider = DashboardLogin.as(otherMerchant, Role.ADMIN);
        Session insider = session(Role.ADMIN);
        DashboardLogin.User target = DashboardLogin.create(merchantId, Role.VIEWER);
        outsider.post("/dashboard/team/" + target.id() + "/role", Map.of("role", "admin")).then().statusCode(404);
        outsider.post("/dashboard/team/" + target.id() + "/deactivate").then().statusCode(404);
        assertEquals(1, count("SELECT count(*) FROM dashboard_users WHERE id = $1 AND role = 'viewer' AND active",
                target.id(), null), "untouched");
        outsider.get("/dashboard/team").then().statusCode(200).body(not(containsString(target.email())))
                .body(not(containsString(insider.user().email())));
        outsider.get("/dashboard/audit").then().statusCode(200).body(not(containsString(insider.user().email())))
                .body(not(containsString(target.id())));
        insider.get("/dashboard/team").then().statusCode(200).body(containsString(target.email()))
                .body(not(containsString(outsider.user().email())));
    }

    @Test
    void adminApiCreatesTheFirstAdminAndAuditsIt() {
        String otherMerchant = Api.newMerchant()[2];
        DashboardLogin.User first = DashboardLogin.create(otherMerchant, Role.ADMIN);
        assertTrue(first.password().length() >= 20);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_type = 'admin' AND merchant_id = $2 "
                + "AND action = 'dashboard.user_created' AND object_id = $1", first.id(), otherMerchant));
        Api.admin().body("{\"email\":\"" + first.email() + "\",\"role\":\"admin\"}")
                .post("/admin/v1/merchants/" + otherMerchant + "/dashboard-users").then().statusCode(409);
        Api.admin().body("{\"email\":\"x@shop.example\",\"role\":\"owner\"}")
                .post("/admin/v1/merchants/" + otherMerchant + "/dashboard-users").then().statusCode(400);
        Api.admin().body("{\"email\":\"y@shop.example\",\"role\":\"admin\"}")
                .post("/admin/v1/merchants/mer_nosuchmerchant0000/dashboard-users").then().statusCode(404);
        RestAssured.given().contentType("application/json").body("{\"email\":\"z@shop.example\",\"role\":\"admin\"}")
                .post("/admin/v1/merchants/" + otherMerchant + "/dashboard-users").then().statusCode(401);
    }

    private long count(String sql, String a) {
        return count(sql, a, null);
    }

    private long count(String sql, String a, String b) {
        Tuple t = b == null ? Tuple.of(a) : Tuple.of(a, b);
        return pool.preparedQuery(sql).execute(t).await().indefinitely().iterator().next().getLong(0);
    }
}
