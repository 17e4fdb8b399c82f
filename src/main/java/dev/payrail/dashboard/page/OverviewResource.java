package dev.payrail.dashboard.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.query.OverviewStats;
import dev.payrail.dashboard.query.QueryParams;
import dev.payrail.dashboard.query.SvgChart;
import io.quarkus.qute.Location;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The overview: the merchant's payments created today (UTC) and how many were authorized or captured;
 * and for the range {@code from}/{@code to} of the URL (default: the last 30 days) the {@link OverviewStats}
 * figures (count, success rate, volume per currency, by method and by provider) and a {@link SvgChart}
 * of payments over time. A bad date is a 400 page with the message next to its field.
 */
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
    private final OverviewStats stats;

    OverviewResource(@Location("dashboard/overview.html") Template overview, DashboardPages pages, CurrentUser me, Pool pool,
            OverviewStats stats) {
        this.stats = stats;
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
    public Uni<Response> overview(@Context UriInfo uri) {
        Uni<Stats> today = pool.preparedQuery(TODAY).execute(Tuple.of(me.merchantId())).map(rows -> {
            Row r = rows.iterator().next();
            return new Stats(r.getLong("n"), r.getLong("ok"));
        });
        Map<String, String> query;
        OverviewStats.Range range;
        Uni<OverviewStats.Overview> figures;
        try {
            query = QueryParams.single(uri.getQueryParameters());
            range = OverviewStats.rangeFromQuery(query, Instant.now(), DEFAULT_DAYS);
            figures = stats.overview(me.merchantId(), range.from(), range.to());
        } catch (ApiException e) {
            Map<String, String> typed = new java.util.HashMap<>();
            uri.getQueryParameters().forEach((k, v) -> typed.put(k, v.isEmpty() ? "" : v.get(0)));
            return today.chain(s -> DashboardPages.html(e.status(), pages.page(overview, "Overview").data("stats", s)
                    .data("from", typed.getOrDefault("from", "")).data("to", typed.getOrDefault("to", ""))
                    .data("figures", null).data("error", e.getMessage())
                    .data("errorField", e.param() == null ? "" : e.param())));
        }
        return Uni.combine().all().unis(today, figures).asTuple()
                .chain(t -> DashboardPages.html(pages.page(overview, "Overview").data("stats", t.getItem1())
                        .data("from", query.getOrDefault("from", day(range.from())))
                        .data("to", query.getOrDefault("to", day(range.to())))
                        .data("figures", Figures.of(t.getItem2())).data("error", null).data("errorField", "")));
    }

    static final int DEFAULT_DAYS = 30;

    private static String day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** One group of the figures as the page shows it. */
    public record Group(String name, long count, long succeeded, String successRate, String volume) {

        static Group of(String name, OverviewStats.Tally t) {
            StringJoiner v = new StringJoiner(", ");
            t.volume().keySet().forEach(c -> v.add(t.volumeMajor(c) + " " + c));
            return new Group(name, t.count(), t.succeeded(),
                    String.format(Locale.ROOT, "%.1f %%", t.successRate() * 100), v.length() == 0 ? "–" : v.toString());
        }
    }

    /** The range's figures and chart. */
    public record Figures(Group total, List<Group> volumes, List<Group> byMethod, List<Group> byProvider, RawString chart) {

        static Figures of(OverviewStats.Overview o) {
            List<Group> volumes = new ArrayList<>();
            o.total().volume().keySet().forEach(c -> volumes.add(new Group(c, 0, 0, "", o.total().volumeMajor(c) + " " + c)));
            List<Group> methods = new ArrayList<>();
            o.byMethod().forEach((k, v) -> methods.add(Group.of(k, v)));
            List<Group> providers = new ArrayList<>();
            o.byProvider().forEach((k, v) -> providers.add(Group.of(k == null ? "(none)" : k, v)));
            DateTimeFormatter label = o.granularity() == OverviewStats.Granularity.HOUR
                    ? DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC)
                    : DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
            List<SvgChart.Bar> bars = o.series().stream()
                    .map(p -> new SvgChart.Bar(label.format(p.start()), p.tally().count())).toList();
            String chart = SvgChart.render("payments-chart", "Payments per " + o.granularity().name().toLowerCase(Locale.ROOT),
                    "Payments created from " + label.format(o.from()) + " to " + label.format(o.to()) + " (UTC).",
                    o.granularity() == OverviewStats.Granularity.HOUR ? "hour (UTC)" : "day (UTC)", "payments", bars);
            return new Figures(Group.of("all", o.total()), volumes, methods, providers, new RawString(chart));
        }
    }
}
