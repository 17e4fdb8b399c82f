package dev.payrail.dashboard.page;

import java.net.URI;

import jakarta.ws.rs.CookieParam;
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

import dev.payrail.dashboard.AuditTrail;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardCookies;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.PasswordLinks;
import dev.payrail.dashboard.Passwords;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.security.Tokens;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The page of a set-password link (an invitation or an admin's reset, {@link PasswordLinks}): the user
 * chooses a password (rules of {@link Passwords#problem}), hashed with Argon2id off the event loop; the
 * link is then used up, the user's sessions are revoked, and the user signs in on the login form. Under
 * {@code /dashboard/login} so that its form carries the login form's CSRF token (no session yet).
 */
@Path("/dashboard/login/set-password")
@Tag(name = "Dashboard (HTML)")
@Produces(MediaType.TEXT_HTML)
public class SetPasswordResource {

    static final String GONE = "This link does not work any more: it was used, it expired, or a newer link replaced it. "
            + "Ask an admin of your team for a new one.";

    private final Template form;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final PasswordLinks links;
    private final Passwords passwords;
    private final AuditTrail audit;
    private final DashboardCookies cookies;

    SetPasswordResource(@Location("dashboard/set-password.html") Template form, DashboardPages pages, CurrentUser me,
            PasswordLinks links, Passwords passwords, AuditTrail audit, DashboardCookies cookies) {
        this.form = form;
        this.pages = pages;
        this.me = me;
        this.links = links;
        this.passwords = passwords;
        this.audit = audit;
        this.cookies = cookies;
    }

    @Operation(summary = "Dashboard set-password page", description = "The form of an invitation's or a reset's one-time link.")
    @APIResponse(responseCode = "200", description = "The form.")
    @APIResponse(responseCode = "404", description = "The link was used, expired or replaced.")
    @GET
    @Requires(Permission.SIGN_IN)
    public Uni<Response> page(@QueryParam("token") String token, @CookieParam(DashboardCookies.LOGIN) String loginToken) {
        return links.find(token).chain(valid -> render(valid == null ? 404 : 200, valid, token, loginToken,
                valid == null ? GONE : null));
    }

    @Operation(summary = "Set a dashboard password", description = "Sets the password through a one-time link; then "
            + "the user signs in.")
    @APIResponse(responseCode = "303", description = "Set; to the login form.")
    @APIResponse(responseCode = "400", description = "The password does not follow the rules, or the two differ.")
    @APIResponse(responseCode = "403", description = "The form's CSRF token is missing or wrong.")
    @APIResponse(responseCode = "404", description = "The link was used, expired or replaced.")
    @POST
    @Requires(Permission.SIGN_IN)
    public Uni<Response> submit(@RestForm String token, @RestForm String password, @RestForm("password_confirm") String confirm,
            @CookieParam(DashboardCookies.LOGIN) String loginToken) {
        return links.find(token).chain(valid -> {
            if (valid == null) {
                return render(404, null, token, loginToken, GONE);
            }
            String problem = Passwords.problem(password, valid.email());
            if (problem == null && !password.equals(confirm)) {
                problem = "The two passwords differ.";
            }
            if (problem != null) {
                return render(400, valid, token, loginToken, problem);
            }
            return passwords.hash(password).chain(hash -> links.use(token, hash)).chain(set -> set == null
                    ? render(404, null, token, loginToken, GONE)
                    : audit.write(set.merchantId(), set.userId(), me.ip(), "dashboard.password_set", set.userId(),
                            "through a" + ("invite".equals(valid.purpose()) ? "n invitation" : " reset") + " link")
                            .replaceWith(Response.seeOther(URI.create("/dashboard/login?done=password_set")).build()));
        });
    }

    private Uni<Response> render(int status, PasswordLinks.Valid valid, String token, String loginToken, String error) {
        String login = Tokens.wellFormed(loginToken) ? loginToken : Tokens.newToken();
        return DashboardPages.html(status, pages.page(form, "Set your password").data("loginCsrf", Tokens.csrf(login))
                .data("link", valid).data("token", valid == null ? null : token).data("error", error)
                .data("minLength", Passwords.MIN_LENGTH))
                .map(r -> Response.fromResponse(r).header(HttpHeaders.SET_COOKIE, cookies.login(login)).build());
    }
}
