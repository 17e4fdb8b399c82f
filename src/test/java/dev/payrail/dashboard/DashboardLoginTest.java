package dev.payrail.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.DashboardLogin.Session;
import dev.payrail.dashboard.DashboardLogin.User;
import dev.payrail.dashboard.security.Tokens;
import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Login, its form and cookies, lockout, session expiry (idle and absolute) and revocation (logout, deactivation). */
@QuarkusTest
class DashboardLoginTest {

    @Inject
    Pool pool;

    @Test
    void loginFormAsksPasswordManagersForUsernameAndCurrentPassword() {
        Response form = RestAssured.given().get("/dashboard/login");
        form.then().statusCode(200).body(containsString("autocomplete=\"username\""))
                .body(containsString("autocomplete=\"current-password\""))
                .body(containsString("name=\"_csrf\" value=\"" + Tokens.csrf(form.cookie(DashboardCookies.LOGIN)) + "\""));
        String setCookie = form.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
    }

    @Test
    void seededAdminSignsInWithSessionCookieStoredAsDigest() {
        Response r = DashboardLogin.submit(DashboardLogin.SEED_ADMIN, Api.seedDashboardPassword());
        assertEquals(303, r.statusCode());
        assertEquals("/dashboard", java.net.URI.create(r.header("Location")).getPath());
        String setCookie = r.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(DashboardCookies.SESSION + "="))
                .findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/dashboard"),
                setCookie);
        assertFalse(setCookie.contains("Secure"), "plain http in test (payrail.dashboard.secure-cookie=false)");
        String token = r.cookie(DashboardCookies.SESSION);
        assertEquals(0, count("SELECT count(*) FROM dashboard_sessions WHERE id = $1", token), "the token is not stored");
        assertEquals(1, count("SELECT count(*) FROM dashboard_sessions WHERE id = $1", Tokens.sessionId(token)));
        Session s = new Session(null, token);
        s.get("/dashboard").then().statusCode(200).body(containsString("id=\"test-mode-banner\""))
                .body(containsString("id=\"payments-today\""));
    }

    @Test
    void loginWithoutTheFormsCsrfTokenIsRefused() {
        User u = DashboardLogin.create(DashboardLogin.seededMerchantId(), Role.VIEWER);
        RestAssured.given().redirects().follow(false).formParam("email", u.email()).formParam("password", u.password())
                .post("/dashboard/login").then().statusCode(403);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() {
        User u = DashboardLogin.create(DashboardLogin.seededMerchantId(), Role.OPERATOR);
        for (int i = 0; i < 5; i++) {
            DashboardLogin.submit(u.email(), "wrong-" + i).then().statusCode(401)
                    .body(containsString(LoginResourceText.FAILED));
        }
        DashboardLogin.submit(u.email(), u.password()).then().statusCode(401);
        assertEquals(5, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.login_failed' "
                + "AND detail = 'wrong password'", u.id()));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.login_failed' "
                + "AND detail = 'locked'", u.id()));
        pool.preparedQuery("UPDATE dashboard_users SET locked_until = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(u.id())).await().indefinitely();
        DashboardLogin.submit(u.email(), u.password()).then().statusCode(303);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.login'", u.id()));
        assertEquals(0, count("SELECT failed_logins FROM dashboard_users WHERE id = $1", u.id()), "reset by the success");
    }

    @Test
    void unknownEmailGetsTheSameAnswer() {
        DashboardLogin.submit("nobody-" + System.nanoTime() + "@shop.example", "whatever").then().statusCode(401)
                .body(containsString(LoginResourceText.FAILED));
    }

    @Test
    void idleSessionExpires() {
        Session s = DashboardLogin.as(Role.VIEWER);
        s.get("/dashboard").then().statusCode(200);
        pool.preparedQuery("UPDATE dashboard_sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1")
                .execute(Tuple.of(Tokens.sessionId(s.cookie()))).await().indefinitely();
        s.get("/dashboard").then().statusCode(303).header("Location", containsString("/dashboard/login"));
    }

    @Test
    void sessionEndsAtItsAbsoluteExpiryEvenWhenUsed() {
        Session s = DashboardLogin.as(Role.VIEWER);
        long hours = count("SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::bigint FROM dashboard_sessions "
                + "WHERE id = $1", Tokens.sessionId(s.cookie()));
        assertEquals(12, hours);
        pool.preparedQuery("UPDATE dashboard_sessions SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(Tokens.sessionId(s.cookie()))).await().indefinitely();
        s.get("/dashboard").then().statusCode(303);
    }

    @Test
    void logoutRevokesTheSessionAndIsAudited() {
        Session s = DashboardLogin.as(Role.SUPPORT);
        Response out = s.post("/dashboard/logout");
        assertEquals(303, out.statusCode());
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"));
        s.get("/dashboard").then().statusCode(303);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.logout'",
                s.user().id()));
    }

    @Test
    void deactivationRevokesTheUsersSessionsAndLogins() {
        Session admin = DashboardLogin.as(Role.ADMIN);
        Session victim = DashboardLogin.as(Role.OPERATOR);
        victim.get("/dashboard").then().statusCode(200);
        admin.post("/dashboard/team/" + victim.user().id() + "/deactivate").then().statusCode(303);
        victim.get("/dashboard").then().statusCode(303);
        assertNotNull(victim.user());
        assertEquals(0, count("SELECT count(*) FROM dashboard_sessions WHERE user_id = $1 AND revoked_at IS NULL",
                victim.user().id()));
        DashboardLogin.submit(victim.user().email(), victim.user().password()).then().statusCode(401);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE actor_id = $1 AND action = 'dashboard.user_deactivated' "
                + "AND object_id = '" + victim.user().id() + "'", admin.user().id()));
    }

    private long count(String sql, String a) {
        return pool.preparedQuery(sql).execute(Tuple.of(a)).await().indefinitely().iterator().next().getLong(0);
    }

    /** The login page's message for every failure. */
    static final class LoginResourceText {
        static final String FAILED = "Wrong email or password, or the account is locked.";
    }
}
