package dev.payrail.dashboard.page;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.SessionStore;
import dev.payrail.dashboard.TotpCheck;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/** The second login step of a user with TOTP: the session stays at stage {@code mfa} until a right code. */
@Path("/dashboard/totp")
@Tag(name = "Dashboard (HTML)")
@Produces(MediaType.TEXT_HTML)
public class TotpStepResource {

    private final Template totp;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final TotpCheck check;
    private final SessionStore sessions;

    TotpStepResource(@Location("dashboard/totp.html") Template totp, DashboardPages pages, CurrentUser me, TotpCheck check,
            SessionStore sessions) {
        this.totp = totp;
        this.pages = pages;
        this.me = me;
        this.check = check;
        this.sessions = sessions;
    }

    @Operation(summary = "Dashboard TOTP step", description = "Asks for the authenticator app's code after the password.")
    @APIResponse(responseCode = "200", description = "The code form.")
    @GET
    @Requires(Permission.SECOND_FACTOR)
    public Uni<Response> form() {
        return DashboardPages.html(pages.page(totp, "Two-factor authentication"));
    }

    @Operation(summary = "Dashboard TOTP check", description = "A right code completes the login.")
    @APIResponse(responseCode = "303", description = "Signed in.")
    @APIResponse(responseCode = "401", description = "Wrong code (the form again; counts towards the lockout).")
    @APIResponse(responseCode = "403", description = "The form's CSRF token is missing or wrong.")
    @POST
    @Requires(Permission.SECOND_FACTOR)
    public Uni<Response> submit(@RestForm String code) {
        return check.verify(me.user(), code).chain(ok -> ok
                ? sessions.setStage(me.sessionId(), "full").chain(() -> me.audit("dashboard.login", me.userId(), "totp"))
                        .replaceWith(Response.seeOther(URI.create("/dashboard")).build())
                : me.audit("dashboard.totp_failed", me.userId(), null).chain(() -> DashboardPages.html(401,
                        pages.page(totp, "Two-factor authentication").data("error", "Wrong code."))));
    }
}
