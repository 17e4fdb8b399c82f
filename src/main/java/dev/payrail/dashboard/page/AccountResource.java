package dev.payrail.dashboard.page;

import java.net.URI;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.WithFormRead;

import dev.payrail.connector.NextActions;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardCookies;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Passwords;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.Role;
import dev.payrail.dashboard.SessionStore;
import dev.payrail.dashboard.TotpCheck;
import dev.payrail.dashboard.UserStore;
import dev.payrail.dashboard.security.Totp;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The signed-in user's account: password change (the current one required, Argon2id off the event loop,
 * the user's other sessions revoked), TOTP enrolment (the secret shown once as an otpauth URI and its QR
 * code, turned on by a first right code), turning TOTP off, and logout.
 */
@Path("/dashboard")
@Tag(name = "Dashboard (HTML)")
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

    /** A TOTP enrolment in progress: shown once. */
    public record Enrolment(String uri, String qr) {
    }

    private final Template account;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final TotpCheck totp;
    private final UserStore users;
    private final SessionStore sessions;
    private final DashboardCookies cookies;
    private final Passwords passwords;

    AccountResource(@Location("dashboard/account.html") Template account, DashboardPages pages, CurrentUser me,
            TotpCheck totp, UserStore users, SessionStore sessions, DashboardCookies cookies, Passwords passwords) {
        this.account = account;
        this.pages = pages;
        this.me = me;
        this.totp = totp;
        this.users = users;
        this.sessions = sessions;
        this.cookies = cookies;
        this.passwords = passwords;
    }

    @Operation(summary = "Dashboard account page", description = "The user's TOTP status and enrolment.")
    @APIResponse(responseCode = "200", description = "The account page.")
    @GET
    @Path("/account")
    @Requires(Permission.ACCOUNT)
    public Uni<Response> page(@QueryParam("done") String done) {
        return render(200, null, null, "password_changed".equals(done)
                ? "Your password is changed; your other sessions are signed out." : null);
    }

    @Operation(summary = "Change one's dashboard password", description = "Needs the current password; the new one "
            + "follows the rules of a set-password link. The user's other sessions are revoked.")
    @APIResponse(responseCode = "303", description = "Changed; to the account page.")
    @APIResponse(responseCode = "400", description = "Wrong current password, a password against the rules, or the two differ.")
    @APIResponse(responseCode = "403", description = "A bad CSRF token.")
    @POST
    @Path("/account/password")
    @Requires(Permission.ACCOUNT)
    public Uni<Response> changePassword(@RestForm("current_password") String current,
            @RestForm("new_password") String next, @RestForm("new_password_confirm") String confirm) {
        String problem = Passwords.problem(next, me.email());
        if (problem == null && !next.equals(confirm)) {
            problem = "The two new passwords differ.";
        }
        if (problem != null) {
            return render(400, null, problem);
        }
        if (current == null || current.length() > Passwords.MAX_LENGTH) {
            return render(400, null, "Your current password is wrong.");
        }
        return users.byId(me.merchantId(), me.userId())
                .chain(u -> passwords.verify(current, u == null ? null : u.passwordHash()))
                .chain(ok -> !ok
                        ? me.audit("dashboard.password_change_failed", me.userId(), "wrong current password")
                                .chain(() -> render(400, null, "Your current password is wrong."))
                        : passwords.hash(next).chain(hash -> users.changePassword(me.userId(), hash, me.sessionId()))
                                .chain(() -> me.audit("dashboard.password_changed", me.userId(), "other sessions revoked"))
                                .replaceWith(Response.seeOther(URI.create("/dashboard/account?done=password_changed"))
                                        .build()));
    }

    @Operation(summary = "Start TOTP enrolment", description = "A new secret, shown once as an otpauth URI and a QR code.")
    @APIResponse(responseCode = "200", description = "The account page with the secret.")
    @APIResponse(responseCode = "403", description = "A bad CSRF token.")
    @POST
    @Path("/account/totp/start")
    @WithFormRead
    @Requires(Permission.ACCOUNT)
    public Uni<Response> start() {
        if (me.user().totpEnabled()) {
            return render(409, null, "Two-factor authentication is already on.");
        }
        return totp.start(me.user()).chain(secret -> {
            String uri = Totp.uri("Payrail " + me.merchantName(), me.email(), secret);
            String qr = (String) NextActions.displayQrCode(uri, Instant.now()).get("image_data_url");
            return me.audit("dashboard.totp_enrolment_started", me.userId(), null)
                    .chain(() -> render(200, new Enrolment(uri, qr), null));
        });
    }

    @Operation(summary = "Confirm TOTP enrolment", description = "A right code from the app turns TOTP on.")
    @APIResponse(responseCode = "303", description = "On; to the account page (or the dashboard when it was required).")
    @APIResponse(responseCode = "400", description = "Wrong code.")
    @APIResponse(responseCode = "403", description = "A bad CSRF token.")
    @POST
    @Path("/account/totp/confirm")
    @Requires(Permission.ACCOUNT)
    public Uni<Response> confirm(@RestForm String code) {
        boolean enrolling = "enrol".equals(me.stage());
        return users.byId(me.merchantId(), me.userId()).chain(u -> totp.confirm(u, code)).chain(ok -> !ok
                ? me.audit("dashboard.totp_enrolment_failed", me.userId(), null)
                        .chain(() -> render(400, null, "Wrong code: start again."))
                : me.audit("dashboard.totp_enabled", me.userId(), null)
                        .chain(() -> enrolling ? sessions.setStage(me.sessionId(), "full") : Uni.createFrom().voidItem())
                        .replaceWith(Response.seeOther(URI.create(enrolling ? "/dashboard" : "/dashboard/account")).build()));
    }

    @Operation(summary = "Turn TOTP off", description = "Needs a current code; refused for admins when the merchant requires TOTP.")
    @APIResponse(responseCode = "303", description = "Off; to the account page.")
    @APIResponse(responseCode = "400", description = "Wrong code, or required for admins.")
    @APIResponse(responseCode = "403", description = "A bad CSRF token.")
    @POST
    @Path("/account/totp/disable")
    @Requires(Permission.ACCOUNT)
    public Uni<Response> disable(@RestForm String code) {
        Uni<Boolean> required = me.role() == Role.ADMIN ? users.adminTotpRequired(me.merchantId()) : Uni.createFrom().item(false);
        return required.chain(req -> req ? render(400, null, "Your merchant requires two-factor authentication for admins.")
                : totp.verify(me.user(), code).chain(ok -> !ok ? render(400, null, "Wrong code.")
                        : users.disableTotp(me.userId()).chain(() -> me.audit("dashboard.totp_disabled", me.userId(), null))
                                .replaceWith(Response.seeOther(URI.create("/dashboard/account")).build())));
    }

    @Operation(summary = "Dashboard logout", description = "Revokes the session and clears its cookie.")
    @APIResponse(responseCode = "303", description = "Logged out; to the login page.")
    @APIResponse(responseCode = "403", description = "A bad CSRF token.")
    @POST
    @Path("/logout")
    @WithFormRead
    @Requires(Permission.SESSION)
    public Uni<Response> logout() {
        return sessions.revoke(me.sessionId()).chain(() -> me.audit("dashboard.logout", me.userId(), null))
                .replaceWith(Response.seeOther(URI.create("/dashboard/login"))
                        .header(HttpHeaders.SET_COOKIE, cookies.clearSession()).build());
    }

    private Uni<Response> render(int status, Enrolment enrolment, String error) {
        return render(status, enrolment, error, null);
    }

    private Uni<Response> render(int status, Enrolment enrolment, String error, String notice) {
        return DashboardPages.html(status, pages.page(account, "Account").data("enrolment", enrolment).data("error", error)
                .data("notice", notice).data("minLength", Passwords.MIN_LENGTH)
                .data("mustEnrol", "enrol".equals(me.stage())));
    }
}
