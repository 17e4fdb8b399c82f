package dev.payrail.billing.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.billing.InvoiceActions;
import dev.payrail.billing.InvoiceStatus;
import dev.payrail.billing.InvoiceStore;
import dev.payrail.billing.InvoiceView;
import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/invoices}: the invoices of the merchant's subscriptions. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/invoices")
@Tag(name = "Billing")
public class InvoiceResource {

    static final String EXAMPLE = "{\"id\":\"in_2bZr3kq9XwV2mT\",\"object\":\"invoice\",\"number\":\"INV-000042\","
            + "\"status\":\"paid\",\"customer\":\"cus_4fR9sKq2LmZ8xW\",\"subscription\":\"sub_9aQ2kLq0PzX4cV\","
            + "\"billing_reason\":\"subscription_cycle\",\"currency\":\"USD\",\"subtotal\":1500,\"total\":1500,"
            + "\"amount_due\":1500,\"amount_paid\":1500,\"amount_remaining\":0,"
            + "\"period_start\":\"2026-01-29T10:00:00Z\",\"period_end\":\"2026-02-28T10:00:00Z\",\"attempt_count\":1,"
            + "\"payment\":\"pay_3kq9XwV2mT8bZr\",\"hosted_invoice_url\":\"https://pay.example.com/invoices/hosted/Xk2…\","
            + "\"lines\":[{\"id\":\"il_8sKq2LmZ8xW4fR\",\"description\":\"1 × Pro plan\",\"price\":\"price_7Hs2kLq0PzX4cV\","
            + "\"quantity\":1,\"unit_amount\":1500,\"amount\":1500,\"period_start\":\"2026-01-29T10:00:00Z\","
            + "\"period_end\":\"2026-02-28T10:00:00Z\"}],\"created_at\":\"2026-01-29T10:00:00Z\"}";

    private final InvoiceStore invoices;
    private final InvoiceActions actions;
    private final InvoicePage page;
    private final CurrentMerchant merchant;

    InvoiceResource(InvoiceStore invoices, InvoiceActions actions, InvoicePage page, CurrentMerchant merchant) {
        this.invoices = invoices;
        this.actions = actions;
        this.page = page;
        this.merchant = merchant;
    }

    @Operation(summary = "Retrieve an invoice", description = "The invoice with its lines; hosted_invoice_url is the "
            + "customer's page for it (no credentials needed, the link is the secret).")
    @APIResponse(responseCode = "200", description = "The invoice.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = InvoiceView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<InvoiceView> get(@PathParam("id") String id) {
        return invoices.find(merchant.id(), id).chain(i -> {
            if (i == null) {
                throw ApiException.notFound("invoice");
            }
            return invoices.lines(i.id()).map(lines -> InvoiceView.of(i, lines));
        });
    }

    @Operation(summary = "View an invoice as HTML", description = "The invoice as a printable HTML page, as the "
            + "customer sees it on the hosted link.")
    @APIResponse(responseCode = "200", description = "The invoice page.", content = @Content(mediaType = "text/html",
            schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}/html")
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> html(@PathParam("id") String id) {
        return invoices.find(merchant.id(), id).chain(i -> {
            if (i == null) {
                throw ApiException.notFound("invoice");
            }
            return page.render(i);
        });
    }

    @Operation(summary = "List invoices", description = "Newest first, paginated with limit and starting_after; "
            + "subscription, customer and status filter. Lines are in the single invoice.")
    @APIResponse(responseCode = "200", description = "A page of invoices.", content = @Content(
            mediaType = "application/json", schema = @Schema(ref = "InvoiceList"), examples = @ExampleObject(name = "example",
                    value = "{\"object\":\"list\",\"data\":[" + EXAMPLE + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<InvoiceView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("subscription") String subscription,
            @QueryParam("customer") String customer, @QueryParam("status") String status) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "in_");
        InvoiceStatus s = null;
        if (status != null && !status.isEmpty()) {
            s = InvoiceStatus.parse(status);
            if (s == null) {
                throw ApiException.badRequest("status must be draft, open, paid, void or uncollectible.", "status");
            }
        }
        String sub = subscription == null || subscription.isEmpty() ? null
                : BillingFields.id(subscription, "sub_", "subscription");
        String cus = customer == null || customer.isEmpty() ? null : BillingFields.id(customer, "cus_", "customer");
        return invoices.list(merchant.id(), sub, cus, s, cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, i -> InvoiceView.of(i, null), InvoiceView::id));
    }

    @Operation(summary = "Void an invoice", description = "A draft or open invoice is voided: never charged again "
            + "(invoice.voided). 409 for a paid, void or uncollectible invoice, or one whose charge is under way.")
    @APIResponse(responseCode = "200", description = "The voided invoice.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = InvoiceView.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/{id}/void")
    public Uni<InvoiceView> voidInvoice(@PathParam("id") String id) {
        return actions.voidInvoice(merchant.id(), id)
                .chain(i -> invoices.lines(i.id()).map(lines -> InvoiceView.of(i, lines)));
    }
}
