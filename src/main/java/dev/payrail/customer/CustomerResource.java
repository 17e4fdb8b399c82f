package dev.payrail.customer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import dev.payrail.common.ApiException;
import dev.payrail.common.Filters;
import dev.payrail.common.Ids;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.idempotency.Idempotent;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/customers}: the merchant's customers, created, read, updated, listed and deleted. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/customers")
@Tag(name = "Customers")
public class CustomerResource {

    private static final String EXAMPLE = "{\"id\":\"cus_4fR9sKq2LmZ8xW\",\"object\":\"customer\","
            + "\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\",\"phone\":\"+442071234567\","
            + "\"metadata\":{\"crm_id\":\"42\"},\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}";

    private final CustomerStore customers;
    private final CurrentMerchant merchant;
    private final IdempotencyContext idempotency;
    private final SavedMethodStore methods;
    private final SavedMethodDetacher detacher;

    CustomerResource(CustomerStore customers, CurrentMerchant merchant, IdempotencyContext idempotency,
            SavedMethodStore methods, SavedMethodDetacher detacher) {
        this.customers = customers;
        this.methods = methods;
        this.detacher = detacher;
        this.merchant = merchant;
        this.idempotency = idempotency;
    }

    @Operation(summary = "Create a customer", description = "Every field is optional. Send an Idempotency-Key to retry safely.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CustomerRequest.class), examples = @ExampleObject(name = "example",
                    value = "{\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\",\"phone\":\"+442071234567\",\"metadata\":{\"crm_id\":\"42\"}}")))
    @APIResponse(responseCode = "201", description = "The customer.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CustomerView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Idempotent
    public Uni<Response> create(CustomerRequest request) {
        CustomerRequest r = CustomerFields.forCreate(request);
        Instant now = now();
        Customer c = new Customer(Ids.newId("cus_"), merchant.id(), r.email(), r.name(), r.phone(), r.description(),
                r.metadata(), now, now, null);
        return customers.insert(c, idempotency.key(), idempotency.fingerprint()).map(inserted -> {
            Response.ResponseBuilder response = Response.status(201).entity(CustomerView.of(inserted.customer()));
            return inserted.existed() ? response.header("Idempotent-Replayed", "true").build() : response.build();
        });
    }

    @Operation(summary = "Retrieve a customer", description = "The customer by id, for this merchant only.")
    @APIResponse(responseCode = "200", description = "The customer.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CustomerView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<CustomerView> get(@PathParam("id") String id) {
        return require(id).map(CustomerView::of);
    }

    @Operation(summary = "Update a customer", description = "An absent field is unchanged, an empty string clears it; "
            + "metadata replaces the whole map ({} clears it). default_payment_method names one of the customer's saved "
            + "payment methods.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CustomerRequest.class), examples = @ExampleObject(name = "example",
                    value = "{\"phone\":\"\",\"name\":\"Ada King\"}")))
    @APIResponse(responseCode = "200", description = "The customer after the change.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CustomerView.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @PATCH
    @Path("/{id}")
    public Uni<CustomerView> update(@PathParam("id") String id, CustomerRequest request) {
        return require(id).chain(before -> {
            Customer after = CustomerFields.applyUpdate(before, request, now());
            return requireAttached(after, request).chain(() -> customers.update(before, after)).map(saved -> {
                if (saved == null) {
                    throw new ApiException(409, "CONFLICT", "The customer " + id + " changed meanwhile; read it again.", null);
                }
                return CustomerView.of(saved);
            });
        });
    }

    @Operation(summary = "Delete a customer", description = "The customer disappears from reads and lists; payments "
            + "made for it keep their record. Its saved payment methods are detached (at their providers too).")
    @APIResponse(responseCode = "200", description = "Deleted.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CustomerView.Deleted.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"cus_4fR9sKq2LmZ8xW\",\"object\":\"customer\",\"deleted\":true}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @DELETE
    @Path("/{id}")
    public Uni<CustomerView.Deleted> delete(@PathParam("id") String id) {
        return customers.delete(merchant.id(), id, now()).chain(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("customer");
            }
            return methods.detachAll(merchant.id(), id, now()).chain(detacher::atProvider)
                    .replaceWith(new CustomerView.Deleted(id, "customer", true));
        });
    }

    @Operation(summary = "List customers", description = "Newest first, paginated with limit and starting_after; "
            + "email finds a customer by address (any case).")
    @APIResponse(responseCode = "200", description = "A page of customers.", content = @Content(
            mediaType = "application/json", schema = @Schema(ref = "CustomerList"), examples = @ExampleObject(name = "example",
                    value = "{\"object\":\"list\",\"data\":[" + EXAMPLE + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<CustomerView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("email") String email,
            @QueryParam("created_gte") String createdGte, @QueryParam("created_lte") String createdLte) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "cus_");
        return customers.list(merchant.id(), CustomerFields.searchEmail(email), Filters.instant(createdGte, "created_gte"),
                Filters.instant(createdLte, "created_lte"), cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, CustomerView::of, CustomerView::id));
    }

    /** A default_payment_method being set names one of the customer's attached methods; else 404. */
    private Uni<Void> requireAttached(Customer c, CustomerRequest request) {
        if (request == null || request.defaultPaymentMethod() == null) {
            return Uni.createFrom().voidItem();
        }
        return methods.find(merchant.id(), request.defaultPaymentMethod()).map(m -> {
            if (m == null || !m.customerId().equals(c.id()) || m.detached()) {
                throw new ApiException(404, "NOT_FOUND_ERROR", "No such payment_method.", "default_payment_method");
            }
            return null;
        }).replaceWithVoid();
    }

    private Uni<Customer> require(String id) {
        return customers.find(merchant.id(), id).onItem().ifNull().failWith(() -> ApiException.notFound("customer"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
