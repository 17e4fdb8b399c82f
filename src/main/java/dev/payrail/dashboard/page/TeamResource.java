package dev.payrail.dashboard.page;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.WithFormRead;

import dev.payrail.common.ApiException;
import dev.payrail.common.PublicBaseUrl;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.DashboardConfig;
import dev.payrail.dashboard.PasswordLinks;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.Role;
import dev.payrail.dashboard.UserStore;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The team page (admins): the merchant's users; invite one with a role (the answer shows once a
 * set-password link, {@link PasswordLinks}, for the admin to hand over), issue a fresh set-password link
 * for an existing user (its password is cleared and its sessions revoked), change a role, deactivate
 * (which revokes its sessions), and whether admins must use TOTP. No one changes, resets or deactivates
 * themselves here (the account page changes one's own password).
 */
@Path("/dashboard/team")
@Tag(name = "Dashboard (HTML)")
@Produces(MediaType.TEXT_HTML)
public class TeamResource {

    private static final String EMAIL = "[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}";
    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::code).toList();

    /** A set-password link just made (an invitation or a reset): shown once. */
    public record Issued(String email, String role, String link, boolean invitation, long hours) {
    }

    private final Template team;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final UserStore users;
    private final PasswordLinks links;
    private final DashboardConfig config;

    TeamResource(@Location("dashboard/team.html") Template team, DashboardPages pages, CurrentUser me, UserStore users,
            PasswordLinks links, DashboardConfig config) {
        this.team = team;
        this.pages = pages;
        this.me = me;
        this.users = users;
        this.links = links;
        this.config = config;
    }

    @Operation(summary = "Dashboard team page", description = "The merchant's dashboard users (admins only).")
    @APIResponse(responseCode = "200", description = "The team page.")
    @APIResponse(responseCode = "403", description = "The role does not allow it.")
    @GET
    @Requires(Permission.MANAGE_USERS)
    public Uni<Response> page() {
        return render(200, null, null);
    }

    @Operation(summary = "Invite a dashboard user", description = "Creates a user with a role and no password, and "
            + "shows once a one-time set-password link (valid 72 h) for the admin to hand over.")
    @APIResponse(responseCode = "200", description = "The team page with the link.")
    @APIResponse(responseCode = "400", description = "Bad email or role (the page with the error).")
    @APIResponse(responseCode = "403", description = "The role does not allow it, or a bad CSRF token.")
    @APIResponse(responseCode = "409", description = "A user with this email exists.")
    @POST
    @Path("/invite")
    @Requires(Permission.MANAGE_USERS)
    public Uni<Response> invite(@RestForm String email, @RestForm String role) {
        Role r = Role.of(role);
        if (email == null || !email.trim().matches(EMAIL) || r == null) {
            return render(400, null, "Give an email address and one of the roles.");
        }
        return users.create(me.merchantId(), email.trim(), r, null)
                .chain(u -> links.issue(me.merchantId(), u.id(), PasswordLinks.Purpose.INVITE, me.userId())
                        .call(token -> me.audit("dashboard.user_invited", u.id(), u.email() + " as " + r.code()))
                        .chain(token -> render(200, issued(u.email(), r, token, true), null)))
                .onFailure(ApiException.class).recoverWithUni(e -> render(409, null, e.getMessage()));
    }

    @Operation(summary = "Issue a set-password link", description = "Admins only, not for oneself: clears the user's "
            + "password, revokes its sessions and shows once a new one-time set-password link (older links stop working).")
    @APIResponse(responseCode = "200", description = "The team page with the link.")
    @APIResponse(responseCode = "400", description = "Own account.")
    @APIResponse(responseCode = "403", description = "The role does not allow it, or a bad CSRF token.")
    @APIResponse(responseCode = "404", description = "No such active user of this merchant.")
    @POST
    @Path("/{id}/password-link")
    @WithFormRead
    @Requires(Permission.MANAGE_USERS)
    public Uni<Response> passwordLink(@PathParam("id") String id) {
        if (id.equals(me.userId())) {
            return render(400, null, "Change your own password on your account page.");
        }
        return users.byId(me.merchantId(), id).chain(u -> u == null || !u.active() ? render(404, null, "No such active user.")
                : links.issue(me.merchantId(), id, PasswordLinks.Purpose.RESET, me.userId()).chain(token -> token == null
                        ? render(404, null, "No such active user.")
                        : me.audit("dashboard.password_reset_issued", id, u.email() + ": password cleared, sessions revoked")
                                .chain(() -> render(200, issued(u.email(), u.role(), token, false), null))));
    }

    private Issued issued(String email, Role role, String token, boolean invitation) {
        String link = PublicBaseUrl.or(Optional.empty()) + "/dashboard/login/set-password?token=" + token;
        return new Issued(email, role.code(), link, invitation, config.passwordLinkTtl().toHours());
    }

    @Operation(summary = "Change a dashboard user's role", description = "Admins only; not one's own role.")
    @APIResponse(responseCode = "303", description = "Changed; back to the team page.")
    @APIResponse(responseCode = "400", description = "Unknown role, own account.")
    @APIResponse(responseCode = "403", description = "The role does not allow it, or a bad CSRF token.")
    @APIResponse(responseCode = "404", description = "No such user of this merchant.")
    @POST
    @Path("/{id}/role")
    @Requires(Permission.MANAGE_USERS)
    public Uni<Response> role(@PathParam("id") String id, @RestForm String role) {
        Role r = Role.of(role);
        if (r == null || id.equals(me.userId())) {
            return render(400, null, r == null ? "Unknown role." : "You cannot change your own role.");
        }
        return users.byId(me.merchantId(), id).chain(u -> u == null ? render(404, null, "No such user.")
                : users.changeRole(me.merchantId(), id, r)
                        .chain(() -> me.audit("dashboard.role_changed", id, u.role().code() + " -> " + r.code()))
                        .replaceWith(backToTeam()));
    }

    @Operation(summary = "Deactivate a dashboard user", description = "Admins only; revokes all the user's sessions.")
    @APIResponse(responseCode = "303", description = "Deactivated; back to the team page.")
    @APIResponse(responseCode = "400", description = "Own account.")
    @APIResponse(responseCode = "403", description = "The role does not allow it, or a bad CSRF token.")
    @APIResponse(responseCode = "404", description = "No such active user of this merchant.")
    @POST
    @Path("/{id}/deactivate")
    @WithFormRead
    @Requires(Permission.MANAGE_USERS)
    public Uni<Response> deactivate(@PathParam("id") String id) {
        if (id.equals(me.userId())) {
            return render(400, null, "You cannot deactivate yourself.");
        }
        return users.deactivate(me.merchantId(), id).chain(done -> done
                ? me.audit("dashboard.user_deactivated", id, null).replaceWith(backToTeam())
                : render(404, null, "No such active user."));
    }

    @Operation(summary = "Dashboard security settings", description = "Whether admins must use TOTP (admins only).")
    @APIResponse(responseCode = "303", description = "Saved; back to the team page.")
    @APIResponse(responseCode = "403", description = "The role does not allow it, or a bad CSRF token.")
    @POST
    @Path("/settings")
    @Requires(Permission.MANAGE_SETTINGS)
    public Uni<Response> settings(@RestForm("require_admin_totp") String requireAdminTotp) {
        boolean on = "true".equals(requireAdminTotp);
        return users.requireAdminTotp(me.merchantId(), on)
                .chain(() -> me.audit("dashboard.settings_changed", me.merchantId(), "require_admin_totp=" + on))
                .replaceWith(backToTeam());
    }

    private static Response backToTeam() {
        return Response.seeOther(java.net.URI.create("/dashboard/team")).build();
    }

    private Uni<Response> render(int status, Issued issued, String error) {
        return users.list(me.merchantId()).chain(list -> users.adminTotpRequired(me.merchantId())
                .chain(required -> DashboardPages.html(status, pages.page(team, "Team").data("users", list)
                        .data("roles", ROLES).data("issued", issued).data("error", error)
                        .data("requireAdminTotp", required))));
    }
}
