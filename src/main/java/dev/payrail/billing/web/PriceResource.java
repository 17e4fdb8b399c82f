package dev.payrail.billing.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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

import dev.payrail.billing.CatalogStore;
import dev.payrail.billing.Price;
import dev.payrail.billing.PriceView;
import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.idempotency.Idempotent;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/prices}: how much a product costs and how often it is billed. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/prices")
@Tag(name = "Billing")
public class PriceResource {

    static final String EXAMPLE = "{\"id\":\"price_7Hs2kLq0PzX4cV\",\"object\":\"price\",\"product\":\"prod_4fR9sKq2LmZ8xW\","
            + "\"unit_amount\":1500,\"currency\":\"USD\",\"recurring\":{\"interval\":\"month\",\"interval_count\":1},"
            + "\"active\":true,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}";

    private final CatalogStore catalog;
    private final CurrentMerchant merchant;
    private final IdempotencyContext idempotency;
    private final Clock clock;

    PriceResource(CatalogStore catalog, CurrentMerchant merchant, IdempotencyContext idempotency, Clock clock) {
        this.catalog = catalog;
        this.merchant = merchant;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Operation(summary = "Create a price", description = "unit_amount in the currency's minor units, billed every "
            + "recurring.interval_count (default 1, at most three years) recurring.interval (day, week, month, year). "
            + "The product must be the merchant's and active (else 404). Send an Idempotency-Key to retry safely.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PriceRequest.class), examples = @ExampleObject(name = "example",
                    value = "{\"product\":\"prod_4fR9sKq2LmZ8xW\",\"unit_amount\":1500,\"currency\":\"USD\","
                            + "\"recurring\":{\"interval\":\"month\",\"interval_count\":1}}")))
    @APIResponse(responseCode = "201", description = "The price.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PriceView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Idempotent
    public Uni<Response> create(PriceRequest request) {
        PriceRequest r = BillingFields.price(request);
        Instant now = now();
        Price p = new Price(Ids.newId("price_"), merchant.id(), r.product(), r.unitAmount(), r.currency(),
                BillingFields.interval(r.recurring().interval()), r.recurring().intervalCount(), r.nickname(), true,
                r.metadata(), now, now);
        return catalog.insert(p, idempotency.key(), idempotency.fingerprint()).map(inserted -> {
            if (inserted.value() == null) {
                throw new ApiException(404, "NOT_FOUND_ERROR", "No such active product.", "product");
            }
            Response.ResponseBuilder response = Response.status(201).entity(PriceView.of(inserted.value()));
            return inserted.existed() ? response.header("Idempotent-Replayed", "true").build() : response.build();
        });
    }

    @Operation(summary = "Retrieve a price", description = "The merchant's price by id; another merchant's is 404.")
    @APIResponse(responseCode = "200", description = "The price.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PriceView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<PriceView> get(@PathParam("id") String id) {
        return catalog.price(merchant.id(), id).map(p -> {
            if (p == null) {
                throw ApiException.notFound("price");
            }
            return PriceView.of(p);
        });
    }

    @Operation(summary = "List prices", description = "Newest first, paginated with limit and starting_after; product "
            + "and active (true or false) filter.")
    @APIResponse(responseCode = "200", description = "A page of prices.", content = @Content(mediaType = "application/json", schema = @Schema(ref = "PriceList"),
            examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":[" + EXAMPLE + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<PriceView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("product") String product,
            @QueryParam("active") String active) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "price_");
        String productId = product == null || product.isEmpty() ? null : BillingFields.id(product, "prod_", "product");
        return catalog.prices(merchant.id(), productId, ProductResource.flag(active), cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, PriceView::of, PriceView::id));
    }

    @Operation(summary = "Archive a price", description = "An archived price takes no new subscriptions; existing "
            + "subscriptions keep renewing at it. Archiving twice is harmless.")
    @APIResponse(responseCode = "200", description = "The archived price.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = PriceView.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Path("/{id}/archive")
    public Uni<PriceView> archive(@PathParam("id") String id) {
        return catalog.archivePrice(merchant.id(), id, now()).map(p -> {
            if (p == null) {
                throw ApiException.notFound("price");
            }
            return PriceView.of(p);
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
