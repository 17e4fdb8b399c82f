package dev.payrail.dashboard.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The overview: the merchant's payments created today (UTC) and how many were authorized or captured. A placeholder for the charts. */
@Path("/dashboard")
@Tag(name = "Dashboard (HTML)")
@Produces(MediaType.TEXT_HTML)
public class OverviewResource {

    /** Today's counts. */
    public record Stats(long today, long succeeded) {
    }

    private static final String TODAY = """
            SELECT count(*) AS n, count(*) FILTER (WHERE status IN ('authorized', 'capture_pending', 'captured', 'cancel_pending',
                                                     'partially_refunded', 'refunded', 'disputed')) AS ok FROM payments
             WHERE merchant_id = $1 AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'""";

    private final Template overview;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final Pool pool;

    OverviewResource(@Location("dashboard/overview.html") Template overview, DashboardPages pages, CurrentUser me, Pool pool) {
        this.overview = overview;
        this.pages = pages;
        this.me = me;
        this.pool = pool;
    }

    @Operation(summary = "Dashboard overview", description = "Today's payment counts of the signed-in user's merchant.")
    @APIResponse(responseCode = "200", description = "The overview page.")
    @APIResponse(responseCode = "303", description = "Not signed in: to the login page.")
    @GET
    @Requires(Permission.READ)
    public Uni<Response> overview() {
        return pool.preparedQuery(TODAY).execute(Tuple.of(me.merchantId())).map(rows -> {
            Row r = rows.iterator().next();
            return new Stats(r.getLong("n"), r.getLong("ok"));
        }).chain(stats -> DashboardPages.html(pages.page(overview, "Overview").data("stats", stats)));
    }
}
