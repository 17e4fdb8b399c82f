package dev.payrail.billing.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.billing.InvoiceStore;
import dev.payrail.billing.SubscriptionActions;
import dev.payrail.billing.SubscriptionStatus;
import dev.payrail.billing.SubscriptionStore;
import dev.payrail.billing.SubscriptionView;
import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.idempotency.Idempotent;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/subscriptions}: a customer billed for a price at every period. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/subscriptions")
@Tag(name = "Billing")
public class SubscriptionResource {

    static final String EXAMPLE = "{\"id\":\"sub_9aQ2kLq0PzX4cV\",\"object\":\"subscription\",\"customer\":\"cus_4fR9sKq2LmZ8xW\","
            + "\"price\":\"price_7Hs2kLq0PzX4cV\",\"quantity\":1,\"status\":\"trialing\","
            + "\"billing_cycle_anchor\":\"2026-01-29T10:00:00Z\",\"current_period_start\":\"2026-01-15T10:00:00Z\","
            + "\"current_period_end\":\"2026-01-29T10:00:00Z\",\"trial_start\":\"2026-01-15T10:00:00Z\","
            + "\"trial_end\":\"2026-01-29T10:00:00Z\",\"cancel_at_period_end\":false,"
            + "\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}";

    private final SubscriptionActions actions;
    private final SubscriptionStore subscriptions;
    private final InvoiceStore invoices;
    private final CurrentMerchant merchant;
    private final IdempotencyContext idempotency;

    SubscriptionResource(SubscriptionActions actions, SubscriptionStore subscriptions, InvoiceStore invoices,
            CurrentMerchant merchant, IdempotencyContext idempotency) {
        this.actions = actions;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.merchant = merchant;
        this.idempotency = idempotency;
    }

    @Operation(summary = "Create a subscription", description = "Subscribes a customer with a saved payment method "
            + "(default_payment_method, else the customer's default) to a price, quantity times (default 1). Without a "
            + "trial the first period's invoice is created, finalized and charged off-session at once (latest_invoice); "
            + "trial_end (ISO-8601) or trial_period_days start with a free trial, billed from its end; "
            + "billing_cycle_anchor (ISO-8601, no trial) starts billing later, the time before it is not billed. "
            + "Send an Idempotency-Key to retry safely.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SubscriptionRequest.class), examples = @ExampleObject(name = "example",
                    value = "{\"customer\":\"cus_4fR9sKq2LmZ8xW\",\"price\":\"price_7Hs2kLq0PzX4cV\",\"trial_period_days\":14}")))
    @APIResponse(responseCode = "201", description = "The subscription.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SubscriptionView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Idempotent
    public Uni<Response> create(SubscriptionRequest request) {
        var now = actions.now();
        var n = BillingFields.subscription(request, now);
        return actions.create(merchant.id(), n, now, idempotency.key(), idempotency.fingerprint()).map(created -> {
            Response.ResponseBuilder response = Response.status(201)
                    .entity(SubscriptionView.of(created.subscription(), created.latestInvoice()));
            return created.replayed() ? response.header("Idempotent-Replayed", "true").build() : response.build();
        });
    }

    @Operation(summary = "Retrieve a subscription", description = "The merchant's subscription with its latest invoice; another merchant's is 404.")
    @APIResponse(responseCode = "200", description = "The subscription.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SubscriptionView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<SubscriptionView> get(@PathParam("id") String id) {
        return view(id);
    }

    @Operation(summary = "List subscriptions", description = "Newest first, paginated with limit and starting_after; "
            + "customer, price and status filter.")
    @APIResponse(responseCode = "200", description = "A page of subscriptions.", content = @Content(
            mediaType = "application/json", schema = @Schema(ref = "SubscriptionList"), examples = @ExampleObject(name = "example",
                    value = "{\"object\":\"list\",\"data\":[" + EXAMPLE + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<SubscriptionView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("customer") String customer,
            @QueryParam("price") String price, @QueryParam("status") String status) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "sub_");
        SubscriptionStatus s = null;
        if (status != null && !status.isEmpty()) {
            s = SubscriptionStatus.parse(status);
            if (s == null) {
                throw ApiException.badRequest("status must be trialing, active, past_due, unpaid, canceled or paused.",
                        "status");
            }
        }
        String cus = customer == null || customer.isEmpty() ? null : BillingFields.id(customer, "cus_", "customer");
        String pr = price == null || price.isEmpty() ? null : BillingFields.id(price, "price_", "price");
        return subscriptions.list(merchant.id(), cus, pr, s, cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, SubscriptionView::of, SubscriptionView::id));
    }

    @Operation(summary = "Cancel a subscription", description = "Without a body, or with at_period_end false: canceled "
            + "now (customer.subscription.deleted); nothing more is invoiced. at_period_end true: it stays as it is until "
            + "the current period ends, then is canceled without a new invoice.")
    @RequestBody(required = false, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CancelRequest.class),
            examples = @ExampleObject(name = "example", value = "{\"at_period_end\":true}")))
    @APIResponse(responseCode = "200", description = "The subscription after the change.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubscriptionView.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/{id}/cancel")
    public Uni<SubscriptionView> cancel(@PathParam("id") String id, CancelRequest request) {
        boolean atPeriodEnd = request != null && Boolean.TRUE.equals(request.atPeriodEnd());
        return actions.cancel(merchant.id(), id, atPeriodEnd).chain(s -> view(s.id()));
    }

    @Operation(summary = "Pause a subscription", description = "A paused subscription is not renewed and nothing is "
            + "invoiced or charged (open invoices keep their retries). Only trialing, active and past_due ones pause.")
    @APIResponse(responseCode = "200", description = "The paused subscription.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubscriptionView.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/{id}/pause")
    public Uni<SubscriptionView> pause(@PathParam("id") String id) {
        return actions.pause(merchant.id(), id).chain(s -> view(s.id()));
    }

    @Operation(summary = "Resume a paused subscription", description = "Within the period it was paused in, it carries "
            + "on to that period's end; after it, a new period starts now and is invoiced by the next scheduler run. "
            + "The paused time is never billed.")
    @APIResponse(responseCode = "200", description = "The resumed subscription.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubscriptionView.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/{id}/resume")
    public Uni<SubscriptionView> resume(@PathParam("id") String id) {
        return actions.resume(merchant.id(), id).chain(s -> view(s.id()));
    }

    private Uni<SubscriptionView> view(String id) {
        String merchantId = merchant.id();
        return subscriptions.find(merchantId, id).chain(s -> {
            if (s == null) {
                throw ApiException.notFound("subscription");
            }
            return invoices.latestOf(merchantId, s.id()).map(latest -> SubscriptionView.of(s, latest));
        });
    }
}
