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
import dev.payrail.billing.Product;
import dev.payrail.billing.ProductView;
import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.idempotency.Idempotent;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/products}: what the merchant sells by subscription. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/products")
@Tag(name = "Billing")
public class ProductResource {

    static final String EXAMPLE = "{\"id\":\"prod_4fR9sKq2LmZ8xW\",\"object\":\"product\",\"name\":\"Pro plan\","
            + "\"active\":true,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}";

    private final CatalogStore catalog;
    private final CurrentMerchant merchant;
    private final IdempotencyContext idempotency;
    private final Clock clock;

    ProductResource(CatalogStore catalog, CurrentMerchant merchant, IdempotencyContext idempotency, Clock clock) {
        this.catalog = catalog;
        this.merchant = merchant;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Operation(summary = "Create a product", description = "name is required; description and metadata are optional. "
            + "Send an Idempotency-Key to retry safely.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ProductRequest.class),
            examples = @ExampleObject(name = "example", value = "{\"name\":\"Pro plan\",\"metadata\":{\"tier\":\"pro\"}}")))
    @APIResponse(responseCode = "201", description = "The product.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ProductView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Idempotent
    public Uni<Response> create(ProductRequest request) {
        ProductRequest r = BillingFields.product(request);
        Instant now = now();
        Product p = new Product(Ids.newId("prod_"), merchant.id(), r.name(), r.description(), true, r.metadata(), now, now);
        return catalog.insert(p, idempotency.key(), idempotency.fingerprint()).map(inserted -> {
            Response.ResponseBuilder response = Response.status(201).entity(ProductView.of(inserted.value()));
            return inserted.existed() ? response.header("Idempotent-Replayed", "true").build() : response.build();
        });
    }

    @Operation(summary = "Retrieve a product", description = "The merchant's product by id; another merchant's is 404.")
    @APIResponse(responseCode = "200", description = "The product.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ProductView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<ProductView> get(@PathParam("id") String id) {
        return catalog.product(merchant.id(), id).map(p -> {
            if (p == null) {
                throw ApiException.notFound("product");
            }
            return ProductView.of(p);
        });
    }

    @Operation(summary = "List products", description = "Newest first, paginated with limit and starting_after; "
            + "active (true or false) filters.")
    @APIResponse(responseCode = "200", description = "A page of products.", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ProductList"),
            examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":[" + EXAMPLE + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<ProductView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("active") String active) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "prod_");
        return catalog.products(merchant.id(), flag(active), cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, ProductView::of, ProductView::id));
    }

    @Operation(summary = "Archive a product", description = "An archived product takes no new prices or subscriptions; "
            + "existing subscriptions keep renewing. Archiving twice is harmless.")
    @APIResponse(responseCode = "200", description = "The archived product.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProductView.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Path("/{id}/archive")
    public Uni<ProductView> archive(@PathParam("id") String id) {
        return catalog.archiveProduct(merchant.id(), id, now()).map(p -> {
            if (p == null) {
                throw ApiException.notFound("product");
            }
            return ProductView.of(p);
        });
    }

    /** {@code true}, {@code false} or absent. */
    static Boolean flag(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiException.badRequest("active must be true or false.", "active");
        }
        return Boolean.valueOf(value);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
