package dev.payrail.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.DashboardLogin.Session;
import dev.payrail.dashboard.security.Tokens;
import dev.payrail.support.Api;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Passwords of dashboard users: an invitation shows a one-time set-password link (its token stored only as
 * a digest; single use; expires; a newer link ends the older), the invitee sets a password under the rules
 * and signs in; an admin's fresh link for an existing user clears its password and ends its sessions; a
 * user changes its own password with the current one, which ends its other sessions. All audited.
 */
@QuarkusTest
class DashboardPasswordTest {

    private static final String LINK = "(?s).*<code id=\"password-link\">([^<]+)</code>.*";

    private static long count(String sql, Object... params) {
        return ((Number) Db.one(sql, params).get("n")).longValue();
    }

    private static String userId(String email) {
        return (String) Db.one("SELECT id FROM dashboard_users WHERE email = ?", email).get("id");
    }

    /** The token of the link shown on a team page answer. */
    private static String token(String page) {
        String link = page.replaceAll(LINK, "$1");
        assertTrue(link.contains("/dashboard/login/set-password?token="), page);
        return link.substring(link.indexOf("token=") + 6);
    }

    /** Sets a password through the link's form like a browser: GET it (login cookie), POST with its CSRF token. */
    static Response setPassword(String token, String password, String confirm) {
        Response form = given().queryParam("token", token).get("/dashboard/login/set-password");
        String loginToken = form.cookie(DashboardCookies.LOGIN);
        assertNotNull(loginToken);
        return given().redirects().follow(false).cookie(DashboardCookies.LOGIN, loginToken)
                .formParam("token", token).formParam("password", password).formParam("password_confirm", confirm)
                .formParam(DashboardFilter.CSRF_FIELD, Tokens.csrf(loginToken)).post("/dashboard/login/set-password");
    }

    private static Session invite(Session admin, String email, String role, String[] tokenOut) {
        String page = admin.post("/dashboard/team/invite", Map.of("email", email, "role", role)).then().statusCode(200)
                .body(containsString("id=\"invited\"")).extract().asString();
        tokenOut[0] = token(page);
        return admin;
    }

    @Test
    void anInviteeSetsItsPasswordThroughTheLinkOnceAndSignsIn() {
        Session admin = DashboardLogin.as(Role.ADMIN);
        String email = "invitee-" + System.nanoTime() + "@shop.example";
        String[] token = new String[1];
        invite(admin, email, "support", token);
        String id = userId(email);
        assertNull(Db.one("SELECT password_hash FROM dashboard_users WHERE id = ?", id).get("password_hash"));
        assertEquals(0, count("SELECT count(*) AS n FROM dashboard_password_links WHERE id = ?", token[0]),
                "the token itself is not stored");
        assertEquals(1, count("SELECT count(*) AS n FROM dashboard_password_links WHERE id = ? AND purpose = 'invite' "
                + "AND expires_at BETWEEN now() + interval '71 hours' AND now() + interval '73 hours'",
                Tokens.passwordLinkId(token[0])));
        admin.get("/dashboard/team").then().statusCode(200).body(containsString(email))
                .body(containsString("invited (no password yet)")).body(not(containsString(token[0])));
        DashboardLogin.submit(email, "").then().statusCode(401);

        given().queryParam("token", token[0]).get("/dashboard/login/set-password").then().statusCode(200)
                .body(containsString("autocomplete=\"new-password\"")).body(containsString(email));
        setPassword(token[0], "short", "short").then().statusCode(400).body(containsString("at least 12 characters"));
        setPassword(token[0], email, email).then().statusCode(400).body(containsString("cannot be your email"));
        setPassword(token[0], "a-long-enough-password", "a-different-password").then().statusCode(400)
                .body(containsString("differ"));
        String password = "correct horse battery " + System.nanoTime();
        setPassword(token[0], password, password).then().statusCode(303)
                .header("Location", containsString("/dashboard/login?done=password_set"));
        assertTrue(((String) Db.one("SELECT password_hash FROM dashboard_users WHERE id = ?", id).get("password_hash"))
                .startsWith("$argon2id$"));
        given().get("/dashboard/login?done=password_set").then().statusCode(200).body(containsString("Your password is set"));
        DashboardLogin.submit(email, password).then().statusCode(303);

        // single use
        setPassword(token[0], "another password " + System.nanoTime(), "x").then().statusCode(404)
                .body(containsString("does not work any more"));
        given().queryParam("token", token[0]).get("/dashboard/login/set-password").then().statusCode(404);
        assertEquals(1, count("SELECT count(*) AS n FROM audit_log WHERE actor_id = ? AND action = 'dashboard.password_set' "
                + "AND ip IS NOT NULL AND detail = 'through an invitation link'", id));
        assertEquals(1, count("SELECT count(*) AS n FROM audit_log WHERE action = 'dashboard.user_invited' AND object_id = ? "
                + "AND actor_id = ?", id, admin.user().id()));

        admin.post("/dashboard/team/" + id + "/role", Map.of("role", "operator")).then().statusCode(303);
        assertEquals(1, count("SELECT count(*) AS n FROM audit_log WHERE action = 'dashboard.role_changed' AND object_id = ? "
                + "AND detail = 'support -> operator'", id));
    }

    @Test
    void anExpiredOrReplacedLinkDoesNotWork() {
        Session admin = DashboardLogin.as(Role.ADMIN);
        String email = "late-" + System.nanoTime() + "@shop.example";
        String[] first = new String[1];
        invite(admin, email, "viewer", first);
        String id = userId(email);
        Db.update("UPDATE dashboard_password_links SET expires_at = now() - interval '1 second' WHERE id = ?",
                Tokens.passwordLinkId(first[0]));
        String password = "a fine password " + System.nanoTime();
        setPassword(first[0], password, password).then().statusCode(404);

        String second = token(admin.post("/dashboard/team/" + id + "/password-link").then().statusCode(200).extract().asString());
        String third = token(admin.post("/dashboard/team/" + id + "/password-link").then().statusCode(200).extract().asString());
        setPassword(second, password, password).then().statusCode(404);
        setPassword(third, password, password).then().statusCode(303);
        DashboardLogin.submit(email, password).then().statusCode(303);
        given().queryParam("token", "not-a-token").get("/dashboard/login/set-password").then().statusCode(404);
    }

    @Test
    void anAdminsFreshLinkClearsThePasswordAndEndsTheSessions() {
        Session admin = DashboardLogin.as(Role.ADMIN);
        Session user = DashboardLogin.as(Role.OPERATOR);
        user.get("/dashboard").then().statusCode(200);
        String page = admin.post("/dashboard/team/" + user.user().id() + "/password-link").then().statusCode(200)
                .body(containsString("id=\"password-link-issued\"")).extract().asString();
        user.get("/dashboard").then().statusCode(303);
        DashboardLogin.submit(user.user().email(), user.user().password()).then().statusCode(401);
        String password = "after the reset " + System.nanoTime();
        setPassword(token(page), password, password).then().statusCode(303);
        DashboardLogin.submit(user.user().email(), password).then().statusCode(303);
        assertEquals(1, count("SELECT count(*) AS n FROM audit_log WHERE action = 'dashboard.password_reset_issued' "
                + "AND object_id = ? AND actor_id = ?", user.user().id(), admin.user().id()));
        assertEquals(1, count("SELECT count(*) AS n FROM audit_log WHERE action = 'dashboard.password_set' "
                + "AND actor_id = ? AND detail = 'through a reset link'", user.user().id()));

        admin.post("/dashboard/team/" + admin.user().id() + "/password-link").then().statusCode(400);
        DashboardLogin.as(Api.newMerchant()[2], Role.ADMIN).post("/dashboard/team/" + user.user().id() + "/password-link")
                .then().statusCode(404);
        DashboardLogin.submit(user.user().email(), password).then().statusCode(303);
    }

    @Test
    void aUserChangesItsPasswordWithTheCurrentOneAndItsOtherSessionsEnd() {
        Session here = DashboardLogin.as(Role.VIEWER);
        Response other = DashboardLogin.submit(here.user().email(), here.user().password());
        Session elsewhere = new Session(here.user(), other.cookie(DashboardCookies.SESSION));
        elsewhere.get("/dashboard").then().statusCode(200);
        String next = "my new passphrase " + System.nanoTime();

        here.post("/dashboard/account/password", Map.of("current_password", "wrong", "new_password", next,
                "new_password_confirm", next)).then().statusCode(400).body(containsString("current password is wrong"));
        here.post("/dashboard/account/password", Map.of("current_password", here.user().password(), "new_password", "tiny",
                "new_password_confirm", "tiny")).then().statusCode(400).body(containsString("at least 12"));
        elsewhere.get("/dashboard").then().statusCode(200);

        here.post("/dashboard/account/password", Map.of("current_password", here.user().password(), "new_password", next,
                "new_password_confirm", next)).then().statusCode(303)
                .header("Location", containsString("/dashboard/account?done=password_changed"));
        here.get("/dashboard/account?done=password_changed").then().statusCode(200).body(containsString("password is changed"));
        elsewhere.get("/dashboard").then().statusCode(303);
        DashboardLogin.submit(here.user().email(), here.user().password()).then().statusCode(401);
        DashboardLogin.submit(here.user().email(), next).then().statusCode(303);
        assertEquals(1, count("SELECT count(*) AS n FROM audit_log WHERE actor_id = ? AND action = 'dashboard.password_changed'",
                here.user().id()));
        assertEquals(1, count("SELECT count(*) AS n FROM audit_log WHERE actor_id = ? "
                + "AND action = 'dashboard.password_change_failed'", here.user().id()));
    }
}
