package dev.payrail.order;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.common.Filters;
import dev.payrail.common.Ids;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.merchant.CurrentMerchant;
import dev.payrail.money.Currencies;
import dev.payrail.payment.PaymentStore;
import dev.payrail.payment.PaymentView;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/orders")
@Tag(name = "Orders")
public class OrderResource {

    private static final int MAX_RECEIPT = 255;

    private final OrderStore orders;
    private final PaymentStore payments;
    private final CurrentMerchant merchant;
    private final IdempotencyContext idempotency;

    OrderResource(OrderStore orders, PaymentStore payments, CurrentMerchant merchant, IdempotencyContext idempotency) {
        this.orders = orders;
        this.payments = payments;
        this.merchant = merchant;
        this.idempotency = idempotency;
    }

    @Operation(summary = "Create an order", description = "An amount to collect, paid by one or more payment attempts. Send an Idempotency-Key to retry safely.")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateOrderRequest.class), examples = @ExampleObject(name = "example", value = "{\"amount\":1999,\"currency\":\"USD\",\"receipt\":\"rcpt_1001\",\"notes\":{\"customer\":\"c_42\"}}")))
    @APIResponse(responseCode = "201", description = "The order.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"order_7Hs2kLq0PzX4cV\",\"object\":\"order\",\"amount\":1999,\"currency\":\"USD\",\"receipt\":\"rcpt_1001\",\"notes\":{\"customer\":\"c_42\"},\"status\":\"created\",\"attempts\":0,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @dev.payrail.idempotency.Idempotent
    public Uni<Response> create(CreateOrderRequest request) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        String currency = Currencies.require(request.currency(), "currency");
        long amount = Currencies.requireAmount(request.amount(), currency, "amount");
        if (request.receipt() != null && (request.receipt().isEmpty() || request.receipt().length() > MAX_RECEIPT)) {
            throw ApiException.badRequest("receipt must be 1 to " + MAX_RECEIPT + " characters.", "receipt");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Order order = new Order(Ids.newId("order_"), merchant.id(), amount, currency, request.receipt(),
                Filters.flatObject(request.notes(), "notes"), "created", 0, now, now);
        return orders.insert(order, idempotency.key(), idempotency.fingerprint()).map(inserted -> {
            Response.ResponseBuilder response = Response.status(201).entity(OrderView.of(inserted.order()));
            return inserted.existed() ? response.header("Idempotent-Replayed", "true").build() : response.build();
        });
    }

    @Operation(summary = "Retrieve an order", description = "The order by id, with its status and the amount paid.")
    @APIResponse(responseCode = "200", description = "The order.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"order_7Hs2kLq0PzX4cV\",\"object\":\"order\",\"amount\":1999,\"currency\":\"USD\",\"receipt\":\"rcpt_1001\",\"notes\":{\"customer\":\"c_42\"},\"status\":\"created\",\"attempts\":0,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<OrderView> get(@PathParam("id") String id) {
        return require(id).map(OrderView::of);
    }

    @Operation(summary = "List orders", description = "Newest first, paginated with limit and starting_after.")
    @APIResponse(responseCode = "200", description = "A page of orders.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "OrderList"), examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":[{\"id\":\"order_7Hs2kLq0PzX4cV\",\"object\":\"order\",\"amount\":1999,\"currency\":\"USD\",\"receipt\":\"rcpt_1001\",\"notes\":{\"customer\":\"c_42\"},\"status\":\"created\",\"attempts\":0,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<OrderView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("status") String status,
            @QueryParam("created_gte") String createdGte, @QueryParam("created_lte") String createdLte) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "order_");
        if (status != null && !status.matches("created|attempted|paid")) {
            throw ApiException.badRequest("status must be one of created, attempted, paid.", "status");
        }
        return orders.list(merchant.id(), status, Filters.instant(createdGte, "created_gte"),
                Filters.instant(createdLte, "created_lte"), cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, OrderView::of, OrderView::id));
    }

    @Operation(summary = "List an order's payments", description = "Every payment attempt of the order, newest first.")
    @APIResponse(responseCode = "200", description = "The order's payments.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PaymentList"), examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":[{\"id\":\"pay_3kq9XwV2mT8bZr\",\"object\":\"payment\",\"order_id\":\"order_7Hs2kLq0PzX4cV\",\"amount\":1999,\"currency\":\"USD\",\"status\":\"captured\",\"method\":\"card\",\"card\":{\"brand\":\"visa\",\"last4\":\"4242\",\"expiry_month\":12,\"expiry_year\":2030},\"capture_method\":\"automatic\",\"provider\":\"simulator\",\"provider_reference\":\"sim_ch_9aQ2\",\"amount_authorized\":1999,\"amount_captured\":1999,\"amount_refunded\":0,\"amount_refund_pending\":0,\"metadata\":{\"cart\":\"c_123\"},\"version\":2,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}],\"has_more\":false}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}/payments")
    public Uni<ListResponse<PaymentView>> payments(@PathParam("id") String id) {
        return require(id).chain(o -> payments.forOrder(merchant.id(), o.id()))
                .map(rows -> ListResponse.of(rows, Integer.MAX_VALUE, PaymentView::of, PaymentView::id));
    }

    private Uni<Order> require(String id) {
        return orders.find(merchant.id(), id).onItem().ifNull().failWith(() -> ApiException.notFound("order"));
    }
}
