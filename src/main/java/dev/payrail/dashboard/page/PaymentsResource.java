package dev.payrail.dashboard.page;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.query.PaymentFilter;
import dev.payrail.dashboard.query.PaymentSearch;
import dev.payrail.dashboard.query.QueryParams;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentStatus;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The payments list: the search ({@link PaymentFilter}) lives in the URL, so a bookmarked or shared URL
 * is a saved filter; cursor pagination ({@code starting_after}, {@code limit} up to 100, default 50); the CSV export of the same filter,
 * streamed. A bad filter value is a 400 page with the message next to its field.
 */
@Path("/dashboard/payments")
public class PaymentsResource {

    /** Payments per page. */
    static final int PAGE = 50;

    /** The filter form's fields as typed (shown back as they were, also when one is wrong). */
    public record Form(String id, String orderId, String status, String provider, String method, String currency,
            String amountMin, String amountMax, String from, String to) {

        static Form of(Map<String, String> q) {
            return new Form(v(q, "id"), v(q, "order_id"), v(q, "status"), v(q, "provider"), v(q, "method"),
                    v(q, "currency"), v(q, "amount_min"), v(q, "amount_max"), v(q, "from"), v(q, "to"));
        }

        private static String v(Map<String, String> q, String name) {
            String s = q.get(name);
            return s == null ? "" : s;
        }
    }

    static final List<String> STATUSES = List.of(PaymentStatus.values()).stream()
            .filter(s -> s != PaymentStatus.UNKNOWN).map(PaymentStatus::publicName).distinct().toList();
    static final List<String> METHODS = List.of(PaymentMethodType.values()).stream().map(PaymentMethodType::jsonName).toList();

    private final Template payments;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final PaymentSearch search;

    PaymentsResource(@Location("dashboard/payments.html") Template payments, DashboardPages pages, CurrentUser me,
            PaymentSearch search) {
        this.payments = payments;
        this.pages = pages;
        this.me = me;
        this.search = search;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ)
    public Uni<Response> list(@Context UriInfo uri) {
        Map<String, String> query;
        PaymentFilter filter;
        String cursor;
        try {
            query = QueryParams.single(uri.getQueryParameters());
            filter = PaymentFilter.fromQuery(query);
            cursor = query.get("starting_after");
            int limit = query.get("limit") == null ? PAGE : Pagination.limit(query.get("limit"));
            return search.search(me.merchantId(), filter, cursor == null || cursor.isBlank() ? null : cursor, limit)
                    .chain(page -> render(200, Form.of(query), filter, page, null, limit));
        } catch (ApiException e) {
            Map<String, String> raw = raw(uri);
            return render(e.status(), Form.of(raw), null, null, e, PAGE);
        }
    }

    /** The query as typed, first value of each, for showing a bad filter back. */
    private static Map<String, String> raw(UriInfo uri) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (v != null && !v.isEmpty() && PaymentFilter.PARAMS.contains(k)) {
                String s = v.get(0);
                out.put(k, s.length() > 200 ? s.substring(0, 200) : s);
            }
        });
        return out;
    }

    private Uni<Response> render(int status, Form form, PaymentFilter filter, ListResponse<Payment> page, ApiException error,
            int limit) {
        String query = filter == null ? "" : filter.toQueryString();
        String next = page != null && page.hasMore()
                ? "/dashboard/payments?" + (query.isEmpty() ? "" : query + "&") + (limit == PAGE ? "" : "limit=" + limit + "&")
                        + "starting_after=" + page.nextCursor()
                : null;
        return DashboardPages.html(status, pages.page(payments, "Payments")
                .data("form", form)
                .data("statuses", STATUSES)
                .data("methods", METHODS)
                .data("rows", page == null ? List.of() : page.data().stream().map(PaymentRows::of).toList())
                .data("searched", page != null)
                .data("next", next)
                .data("first", page != null ? "/dashboard/payments" + (query.isEmpty() ? "" : "?" + query) : null)
                .data("csv", filter == null ? null : "/dashboard/payments.csv" + (query.isEmpty() ? "" : "?" + query))
                .data("error", error == null ? null : error.getMessage())
                .data("errorField", error == null ? "" : error.param() == null ? "" : error.param()));
    }
}
