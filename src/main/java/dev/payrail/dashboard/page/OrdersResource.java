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
import dev.payrail.order.Order;
import dev.payrail.order.OrderStore;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/** The merchant's orders, newest first, a page at a time ({@code starting_after}: the last order's id), on the API's list query. */
@Path("/dashboard/orders")
@Produces(MediaType.TEXT_HTML)
public class OrdersResource {

    /** An order as a row. */
    public record Row(String id, String createdAt, String receipt, String status, String amount, int attempts) {
    }

    static final int PAGE = 50;

    private final Template orders;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final OrderStore store;

    OrdersResource(@Location("dashboard/orders.html") Template orders, DashboardPages pages, CurrentUser me, OrderStore store) {
        this.orders = orders;
        this.pages = pages;
        this.me = me;
        this.store = store;
    }

    @GET
    @Requires(Permission.READ)
    public Uni<Response> list(@QueryParam("starting_after") String startingAfter) {
        String cursor;
        try {
            cursor = Pagination.cursor(startingAfter == null || startingAfter.isBlank() ? null : startingAfter, "order_");
        } catch (ApiException e) {
            return DashboardPages.html(400, pages.page(orders, "Orders").data("rows", List.of()).data("next", null)
                    .data("error", e.getMessage()));
        }
        return store.list(me.merchantId(), null, null, null, cursor, PAGE + 1)
                .map(rows -> ListResponse.of(rows, PAGE, OrdersResource::row, Row::id))
                .chain(page -> DashboardPages.html(pages.page(orders, "Orders").data("rows", page.data())
                        .data("next", page.hasMore() ? "/dashboard/orders?starting_after=" + page.nextCursor() : null)
                        .data("error", null)));
    }

    private static Row row(Order o) {
        return new Row(o.id(), PaymentRows.time(o.createdAt()), o.receipt() == null ? "" : o.receipt(), o.status(),
                PaymentRows.money(o.amount(), o.currency()), o.attempts());
    }
}
