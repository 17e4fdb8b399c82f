package dev.payrail.dashboard.page;

import java.util.Arrays;
import java.util.List;

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
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Passwords;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.Role;
import dev.payrail.dashboard.UserStore;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The team page (admins): the merchant's users; invite one with a role (its initial password is shown
 * once, on the answer to the invitation), change a role, deactivate (which revokes its sessions), and
 * whether admins must use TOTP. No one changes or deactivates themselves here.
 */
@Path("/dashboard/team")
@Tag(name = "Dashboard (HTML)")
@Produces(MediaType.TEXT_HTML)
public class TeamResource {

    private static final String EMAIL = "[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}";
    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::code).toList();

    /** An invitation just made: shown once. */
    public record Invited(String email, String role, String password) {
    }

    private final Template team;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final UserStore users;
    private final Passwords passwords;

    TeamResource(@Location("dashboard/team.html") Template team, DashboardPages pages, CurrentUser me, UserStore users,
            Passwords passwords) {
        this.team = team;
        this.pages = pages;
        this.me = me;
        this.users = users;
        this.passwords = passwords;
    }

    @Operation(summary = "Dashboard team page", description = "The merchant's dashboard users (admins only).")
    @APIResponse(responseCode = "200", description = "The team page.")
    @APIResponse(responseCode = "403", description = "The role does not allow it.")
    @GET
    @Requires(Permission.MANAGE_USERS)
    public Uni<Response> page() {
        return render(200, null, null);
    }

    @Operation(summary = "Invite a dashboard user", description = "Creates a user with a role and shows its initial password once.")
    @APIResponse(responseCode = "200", description = "The team page with the initial password.")
    @APIResponse(responseCode = "400", description = "Bad email or role (the page with the error).")
    @APIResponse(responseCode = "403", description = "The role does not allow it, or a bad CSRF token.")
    @POST
    @Path("/invite")
    @Requires(Permission.MANAGE_USERS)
    public Uni<Response> invite(@RestForm String email, @RestForm String role) {
        Role r = Role.of(role);
        if (email == null || !email.trim().matches(EMAIL) || r == null) {
            return render(400, null, "Give an email address and one of the roles.");
        }
        String password = Passwords.newPassword();
        return passwords.hash(password).chain(hash -> users.create(me.merchantId(), email.trim(), r, hash))
                .chain(u -> me.audit("dashboard.user_invited", u.id(), u.email() + " as " + r.code())
                        .chain(() -> render(200, new Invited(u.email(), r.code(), password), null)))
                .onFailure(ApiException.class).recoverWithUni(e -> render(409, null, e.getMessage()));
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

    private Uni<Response> render(int status, Invited invited, String error) {
        return users.list(me.merchantId()).chain(list -> users.adminTotpRequired(me.merchantId())
                .chain(required -> DashboardPages.html(status, pages.page(team, "Team").data("users", list)
                        .data("roles", ROLES).data("invited", invited).data("error", error)
                        .data("requireAdminTotp", required))));
    }
}
