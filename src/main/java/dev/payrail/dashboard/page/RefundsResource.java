package dev.payrail.dashboard.page;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.refund.Refund;
import dev.payrail.refund.RefundStore;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/** The merchant's refunds, newest first, a page at a time ({@code starting_after}: the last refund's id), on the API's list query. */
@Path("/dashboard/refunds")
@Produces(MediaType.TEXT_HTML)
public class RefundsResource {

    /** A refund as a row. */
    public record Row(String id, String createdAt, String paymentId, String status, String amount, String reason) {
    }

    static final int PAGE = 50;

    private final Template refunds;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final RefundStore store;

    RefundsResource(@Location("dashboard/refunds.html") Template refunds, DashboardPages pages, CurrentUser me,
            RefundStore store) {
        this.refunds = refunds;
        this.pages = pages;
        this.me = me;
        this.store = store;
    }

    @GET
    @Requires(Permission.READ)
    public Uni<Response> list(@QueryParam("starting_after") String startingAfter) {
        String cursor;
        try {
            cursor = Pagination.cursor(startingAfter == null || startingAfter.isBlank() ? null : startingAfter, "rfnd_");
        } catch (ApiException e) {
            return DashboardPages.html(400, pages.page(refunds, "Refunds").data("rows", List.of()).data("next", null)
                    .data("error", e.getMessage()));
        }
        return store.list(me.merchantId(), null, null, cursor, PAGE + 1)
                .map(rows -> ListResponse.of(rows, PAGE, RefundsResource::row, Row::id))
                .chain(page -> DashboardPages.html(pages.page(refunds, "Refunds").data("rows", page.data())
                        .data("next", page.hasMore() ? "/dashboard/refunds?starting_after=" + page.nextCursor() : null)
                        .data("error", null)));
    }

    private static Row row(Refund r) {
        return new Row(r.id(), PaymentRows.time(r.createdAt()), r.paymentId(), r.status(), PaymentRows.money(r.amount(), r.currency()),
                r.reason() == null ? "" : r.reason());
    }
}
