package dev.payrail.customer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v1/customers/{id}/payment_methods}: the cards a customer saved with
 * {@code save_payment_method} on a payment, listed and detached.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/customers/{customer}/payment_methods")
@Tag(name = "Customers")
public class SavedMethodResource {

    static final String EXAMPLE = "{\"id\":\"pm_8kQ2mZr4TnW7yX\",\"object\":\"payment_method\",\"customer\":\"cus_4fR9sKq2LmZ8xW\","
            + "\"type\":\"card\",\"provider\":\"stripe\",\"card\":{\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":12,"
            + "\"exp_year\":2030,\"fingerprint\":\"Xk3…\"},\"is_default\":true,\"created_at\":\"2026-01-15T10:00:00Z\"}";

    private final CustomerStore customers;
    private final SavedMethodStore methods;
    private final SavedMethodDetacher detacher;
    private final CurrentMerchant merchant;

    SavedMethodResource(CustomerStore customers, SavedMethodStore methods, SavedMethodDetacher detacher,
            CurrentMerchant merchant) {
        this.customers = customers;
        this.methods = methods;
        this.detacher = detacher;
        this.merchant = merchant;
    }

    @Operation(summary = "List a customer's saved payment methods", description = "Attached methods, newest first, "
            + "paginated with limit and starting_after. is_default marks the customer's default method.")
    @APIResponse(responseCode = "200", description = "A page of payment methods.", content = @Content(
            mediaType = "application/json", schema = @Schema(ref = "SavedMethodList"), examples = @ExampleObject(name = "example",
                    value = "{\"object\":\"list\",\"data\":[" + EXAMPLE + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    public Uni<ListResponse<SavedMethodView>> list(@PathParam("customer") String customerId,
            @QueryParam("limit") String limit, @QueryParam("starting_after") String startingAfter) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "pm_");
        return requireCustomer(customerId).chain(c -> methods.list(merchant.id(), c.id(), cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, m -> SavedMethodView.of(m, c.defaultPaymentMethod()),
                        SavedMethodView::id)));
    }

    @Operation(summary = "Retrieve a saved payment method", description = "Also a detached one (with detached_at).")
    @APIResponse(responseCode = "200", description = "The payment method.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SavedMethodView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<SavedMethodView> get(@PathParam("customer") String customerId, @PathParam("id") String id) {
        return requireCustomer(customerId).chain(c -> methods.find(merchant.id(), id).map(m -> {
            if (m == null || !m.customerId().equals(c.id())) {
                throw ApiException.notFound("payment_method");
            }
            return SavedMethodView.of(m, c.defaultPaymentMethod());
        }));
    }

    @Operation(summary = "Detach a saved payment method", description = "The method is never charged again; it is "
            + "detached at the provider that issued it too. When it was the default, the customer has no default until "
            + "one is set or another card is saved.")
    @APIResponse(responseCode = "200", description = "The detached method.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SavedMethodView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @DELETE
    @Path("/{id}")
    public Uni<SavedMethodView> detach(@PathParam("customer") String customerId, @PathParam("id") String id) {
        return requireCustomer(customerId).chain(c -> methods.detach(merchant.id(), c.id(), id, now()).chain(m -> {
            if (m == null) {
                throw ApiException.notFound("payment_method");
            }
            return detacher.atProvider(m).replaceWith(SavedMethodView.of(m, null));
        }));
    }

    private Uni<Customer> requireCustomer(String id) {
        return customers.find(merchant.id(), id).onItem().ifNull().failWith(() -> ApiException.notFound("customer"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
