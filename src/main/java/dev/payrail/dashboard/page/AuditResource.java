package dev.payrail.dashboard.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.dashboard.AuditTrail;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/** The merchant's audit log (admins): dashboard actions and API changes, newest first, 100 a page. */
@Path("/dashboard/audit")
@Tag(name = "Dashboard (HTML)")
@Produces(MediaType.TEXT_HTML)
public class AuditResource {

    private static final int PAGE = 100;

    private final Template audit;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final AuditTrail trail;

    AuditResource(@Location("dashboard/audit.html") Template audit, DashboardPages pages, CurrentUser me, AuditTrail trail) {
        this.audit = audit;
        this.pages = pages;
        this.me = me;
        this.trail = trail;
    }

    @Operation(summary = "Dashboard audit log", description = "The merchant's audit entries, older than 'before' when given.")
    @APIResponse(responseCode = "200", description = "The audit page.")
    @APIResponse(responseCode = "403", description = "The role does not allow it.")
    @GET
    @Requires(Permission.VIEW_AUDIT)
    public Uni<Response> page(@QueryParam("before") String before) {
        Long beforeId = before != null && before.matches("\\d{1,18}") ? Long.valueOf(before) : null;
        return trail.page(me.merchantId(), beforeId, PAGE).chain(entries -> DashboardPages.html(pages.page(audit, "Audit log")
                .data("entries", entries)
                .data("next", entries.size() == PAGE ? entries.get(entries.size() - 1).id() : null)));
    }
}
