package dev.payrail.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.DashboardLogin.Session;
import dev.payrail.dashboard.DashboardLogin.User;
import dev.payrail.dashboard.security.Base32;
import dev.payrail.dashboard.security.Totp;
import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** TOTP: enrolment (URI and QR shown once), the second login step, and the merchant's "required for admins". */
@QuarkusTest
class DashboardTotpTest {

    private static final Pattern SECRET = Pattern.compile("otpauth://totp/[^\"<]*secret=([A-Z2-7]+)");

    @Inject
    Pool pool;

    static String code(String secret, long stepOffset) {
        return Totp.code(Base32.decode(secret), Totp.step(System.currentTimeMillis() / 1000) + stepOffset, 6, "HmacSHA1");
    }

    static String enrol(Session s) {
        String page = s.post("/dashboard/account/totp/start").then().statusCode(200)
                .body(containsString("src=\"data:image/svg+xml;base64,")).extract().asString();
        Matcher m = SECRET.matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    @Test
    void adminsMustEnrolOnceTheMerchantRequiresItThenLogInWithACode() {
        String merchant = Api.newMerchant()[2];
        Session first = DashboardLogin.as(merchant, Role.ADMIN);
        first.post("/dashboard/team/settings", Map.of("require_admin_totp", "true")).then().statusCode(303);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.settings_changed' "
                + "AND detail = 'require_admin_totp=true'", first.user().id()));

        // a viewer is not concerned
        DashboardLogin.as(merchant, Role.VIEWER).get("/dashboard").then().statusCode(200);

        User admin = DashboardLogin.create(merchant, Role.ADMIN);
        Response login = DashboardLogin.submit(admin.email(), admin.password());
        login.then().statusCode(303).header("Location", containsString("/dashboard/account"));
        Session s = new Session(admin, login.cookie(DashboardCookies.SESSION));
        s.get("/dashboard").then().statusCode(303).header("Location", containsString("/dashboard/account"));
        s.get("/dashboard/team").then().statusCode(303);
        s.post("/dashboard/team/invite", Map.of("email", "x" + System.nanoTime() + "@shop.example", "role", "admin"))
                .then().statusCode(403);
        s.get("/dashboard/account").then().statusCode(200).body(containsString("requires two-factor"));

        String secret = enrol(s);
        s.post("/dashboard/account/totp/confirm", Map.of("code", "000000".equals(code(secret, 0)) ? "111111" : "000000"))
                .then().statusCode(400);
        secret = enrol(s);
        s.post("/dashboard/account/totp/confirm", Map.of("code", code(secret, 0))).then().statusCode(303)
                .header("Location", containsString("/dashboard"));
        s.get("/dashboard/team").then().statusCode(200);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.totp_enabled'",
                admin.id()));
        assertEquals(0, count("SELECT count(*) FROM dashboard_users WHERE id = $1 AND totp_secret LIKE '%" + secret + "%'",
                admin.id()), "the secret is sealed at rest");

        // the next login asks for the code
        Response again = DashboardLogin.submit(admin.email(), admin.password());
        again.then().statusCode(303).header("Location", containsString("/dashboard/totp"));
        Session pending = new Session(admin, again.cookie(DashboardCookies.SESSION));
        pending.get("/dashboard").then().statusCode(303).header("Location", containsString("/dashboard/totp"));
        pending.post("/dashboard/team/invite", Map.of("email", "y" + System.nanoTime() + "@shop.example", "role", "admin"))
                .then().statusCode(403);
        pending.post("/dashboard/totp", Map.of("code", code(secret, 0))).then().statusCode(401); // already used at enrolment
        pending.post("/dashboard/totp", Map.of("code", code(secret, 1))).then().statusCode(303);
        pending.get("/dashboard/team").then().statusCode(200);
        pending.get("/dashboard/totp").then().statusCode(303);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.totp_failed'",
                admin.id()));

        // while required, an admin cannot turn it off
        pending.post("/dashboard/account/totp/disable", Map.of("code", code(secret, 1))).then().statusCode(400);
    }

    @Test
    void anyUserMayEnrolAndTurnItOffWithACode() {
        Session s = DashboardLogin.as(Role.SUPPORT);
        String secret = enrol(s);
        s.post("/dashboard/account/totp/confirm", Map.of("code", code(secret, 0))).then().statusCode(303)
                .header("Location", containsString("/dashboard/account"));
        Response login = DashboardLogin.submit(s.user().email(), s.user().password());
        login.then().statusCode(303).header("Location", containsString("/dashboard/totp"));
        Session second = new Session(s.user(), login.cookie(DashboardCookies.SESSION));
        second.post("/dashboard/totp", Map.of("code", code(secret, 1))).then().statusCode(303);
        second.post("/dashboard/account/totp/disable", Map.of("code", "12345")).then().statusCode(400);
        assertEquals(1, count("SELECT count(*) FROM dashboard_users WHERE id = $1 AND totp_secret IS NOT NULL", s.user().id()));
        pool.preparedQuery("UPDATE dashboard_users SET totp_last_step = totp_last_step - 5 WHERE id = $1")
                .execute(Tuple.of(s.user().id())).await().indefinitely();
        second.post("/dashboard/account/totp/disable", Map.of("code", code(secret, 0))).then().statusCode(303);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.totp_disabled'",
                s.user().id()));
        DashboardLogin.submit(s.user().email(), s.user().password()).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/dashboard"));
    }

    private long count(String sql, String a) {
        return pool.preparedQuery(sql).execute(Tuple.of(a)).await().indefinitely().iterator().next().getLong(0);
    }
}
