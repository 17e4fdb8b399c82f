package dev.payrail.dashboard.page;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import dev.payrail.dashboard.AuditTrail;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardConfig;
import dev.payrail.dashboard.DashboardCookies;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.DashboardUser;
import dev.payrail.dashboard.Passwords;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.Role;
import dev.payrail.dashboard.SessionStore;
import dev.payrail.dashboard.UserStore;
import dev.payrail.dashboard.security.Tokens;
import dev.payrail.ratelimit.AuthFailureGuard;
import dev.payrail.ratelimit.RateLimitResponses;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The login form. A wrong password, an unknown email, a deactivated or a locked account all get the
 * same answer; failures count per account (lockout after {@code max-failed-logins}) and per client IP
 * ({@link AuthFailureGuard}, shared with the API). A user with TOTP goes on to the code step; an admin
 * whose merchant requires TOTP and who has none goes to the enrolment on the account page. An IP over
 * its failure budget gets {@code 429} with {@code Retry-After}: a page saying when to try again for a
 * browser, the API's problem+json for a client that asks for JSON.
 */
@Path("/dashboard/login")
@Tag(name = "Dashboard (HTML)")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    static final String FAILED = "Wrong email or password, or the account is locked.";

    private final Template login;
    private final Template limited;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final UserStore users;
    private final SessionStore sessions;
    private final Passwords passwords;
    private final AuditTrail audit;
    private final DashboardCookies cookies;
    private final DashboardConfig config;
    private final AuthFailureGuard failures;

    LoginResource(@Location("dashboard/login.html") Template login,
            @Location("dashboard/login-limited.html") Template limited, DashboardPages pages, CurrentUser me, UserStore users,
            SessionStore sessions, Passwords passwords, AuditTrail audit, DashboardCookies cookies, DashboardConfig config,
            AuthFailureGuard failures) {
        this.login = login;
        this.limited = limited;
        this.pages = pages;
        this.me = me;
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.cookies = cookies;
        this.config = config;
        this.failures = failures;
    }

    @Operation(summary = "Dashboard login page", description = "The HTML login form (email and password).")
    @APIResponse(responseCode = "200", description = "The login form.")
    @GET
    @Requires(Permission.SIGN_IN)
    public Uni<Response> form(@CookieParam(DashboardCookies.LOGIN) String loginToken, @QueryParam("done") String done) {
        return render(200, loginToken, null, null, "password_set".equals(done)
                ? "Your password is set: sign in with it." : null);
    }

    @Operation(summary = "Dashboard login", description = "Checks email and password; sets the session cookie and "
            + "redirects to the dashboard, the TOTP step or the TOTP enrolment.")
    @APIResponse(responseCode = "303", description = "Signed in.")
    @APIResponse(responseCode = "401", description = "Wrong credentials or a locked account (the form again).")
    @APIResponse(responseCode = "403", description = "The form's CSRF token is missing or wrong.")
    @APIResponse(responseCode = "429", description = "Too many failed logins from this IP: a page saying when to try "
            + "again (problem+json when the client accepts JSON), with Retry-After.")
    @POST
    @Produces({ MediaType.TEXT_HTML, "application/problem+json", MediaType.APPLICATION_JSON })
    @Requires(Permission.SIGN_IN)
    public Uni<Response> submit(@RestForm String email, @RestForm String password,
            @CookieParam(DashboardCookies.LOGIN) String loginToken, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        String ip = me.ip();
        return failures.beforeAuthentication(ip).chain(blocked -> {
            if (blocked != null) {
                return Uni.createFrom().item(blocked);
            }
            if (email == null || password == null || email.length() > 254 || password.length() > 1024) {
                return fail(ip, loginToken, email);
            }
            return users.byEmail(email.trim()).chain(user -> passwords.verify(password, user == null ? null : user.passwordHash())
                    .chain(ok -> decide(user, ok, ip, loginToken, email)));
        }).chain(r -> r.getStatus() == 429 && !wantsJson(accept) ? limitedPage(r) : Uni.createFrom().item(r));
    }

    /** Whether the client asked for JSON rather than a page (a browser's Accept names text/html). */
    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(java.util.Locale.ROOT);
        return (a.contains("application/json") || a.contains("application/problem+json")) && !a.contains("text/html");
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'");

    /** The time of day, seconds always shown ({@code LocalTime.toString()} drops them on a whole minute). */
    static String clock(OffsetDateTime at) {
        return CLOCK.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The 429 as a page: when to try again, with the answer's Retry-After and rate-limit headers. */
    private Uni<Response> limitedPage(Response refused) {
        String retryAfter = refused.getHeaderString(RateLimitResponses.RETRY_AFTER);
        long seconds;
        try {
            seconds = Math.max(1, Long.parseLong(retryAfter == null ? "60" : retryAfter.trim()));
        } catch (NumberFormatException e) {
            seconds = 60;
        }
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).withNano(0);
        long wait = seconds;
        return DashboardPages.html(429, pages.page(limited, "Too many sign-in attempts")
                .data("seconds", wait).data("minutes", (wait + 59) / 60)
                .data("at", clock(at)))
                .map(page -> {
                    Response.ResponseBuilder b = Response.fromResponse(page)
                            .header(RateLimitResponses.RETRY_AFTER, String.valueOf(wait));
                    for (String h : new String[] { RateLimitResponses.POLICY_HEADER, RateLimitResponses.HEADER }) {
                        if (refused.getHeaderString(h) != null) {
                            b.header(h, refused.getHeaderString(h));
                        }
                    }
                    return b.build();
                });
    }

    private Uni<Response> decide(DashboardUser user, boolean passwordOk, String ip, String loginToken, String email) {
        if (user == null) {
            return fail(ip, loginToken, email);
        }
        boolean locked = user.lockedUntil() != null && user.lockedUntil().isAfter(OffsetDateTime.now(ZoneOffset.UTC));
        if (!user.active() || locked || !passwordOk) {
            String reason = !user.active() ? "deactivated" : locked ? "locked" : "wrong password";
            Uni<Void> count = passwordOk || !user.active() ? Uni.createFrom().voidItem()
                    : users.failed(user.id(), config.maxFailedLogins(), config.lockout());
            return count.chain(() -> audit.write(user.merchantId(), user.id(), ip, "dashboard.login_failed", user.id(), reason))
                    .chain(() -> fail(ip, loginToken, email));
        }
        Uni<String> stage = user.totpEnabled() ? Uni.createFrom().item("mfa")
                : user.role() != Role.ADMIN ? Uni.createFrom().item("full")
                : users.adminTotpRequired(user.merchantId()).map(required -> required ? "enrol" : "full");
        return users.succeeded(user.id()).chain(() -> stage).chain(s -> sessions.create(user, s).chain(token -> audit
                .write(user.merchantId(), user.id(), ip, s.equals("mfa") ? "dashboard.login_password" : "dashboard.login",
                        user.id(), "stage " + s)
                .replaceWith(Response.seeOther(URI.create(switch (s) {
                    case "mfa" -> "/dashboard/totp";
                    case "enrol" -> "/dashboard/account";
                    default -> "/dashboard";
                })).header(HttpHeaders.SET_COOKIE, cookies.session(token)).build())));
    }

    private Uni<Response> fail(String ip, String loginToken, String email) {
        return render(401, loginToken, FAILED, email, null).chain(page -> failures.onFailure(ip, page));
    }

    private Uni<Response> render(int status, String loginToken, String error, String email, String notice) {
        String token = Tokens.wellFormed(loginToken) ? loginToken : Tokens.newToken();
        return DashboardPages.html(status, pages.page(login, "Sign in").data("loginCsrf", Tokens.csrf(token))
                .data("error", error).data("email", email).data("notice", notice))
                .map(r -> Response.fromResponse(r).header(HttpHeaders.SET_COOKIE, cookies.login(token)).build());
    }
}
