package dev.payrail.sandbox.braintree;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import dev.payrail.sandbox.EmulatorSettingsResource;

/**
 * Run-time control of the Braintree emulator (admin token): latency, failure injection, settlement
 * mode; settles transactions (the settlement batch) and counts sales per order id.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@Path("/admin/v1/sandbox/braintree")
@Tag(name = "Sandbox: Braintree emulator")
public class BraintreeSandboxAdminResource extends EmulatorSettingsResource<BraintreeSandboxSettings> {

    private final BraintreeSandbox sandbox;

    BraintreeSandboxAdminResource(BraintreeSandbox sandbox) {
        super(sandbox);
        this.sandbox = sandbox;
    }

    /** Settles one transaction now ({@code ?declined=true}: its settlement is declined). */
    @Operation(summary = "Settle one Braintree transaction", description = "Settles it now and posts the signed notification; `?declined=true` declines its settlement.")
    @APIResponse(responseCode = "200", description = "The transaction's status and the notifications sent.", content = @Content(mediaType = "application/json", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT),
            examples = @ExampleObject(name = "example", value = "{\"id\":\"dHJhbnNhY3Rpb25fa2M5eDJ6\",\"status\":\"SETTLED\",\"notifications\":1}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Path("/transactions/{id}/settle")
    public Map<String, Object> settle(@PathParam("id") String id, @QueryParam("declined") boolean declined) {
        if (sandbox.status(id) == null) {
            throw ApiException.notFound("transaction");
        }
        int sent = sandbox.settle(id, declined).size();
        return Map.of("id", id, "status", sandbox.status(id), "notifications", sent);
    }

    /** Runs the settlement batch: every transaction submitted for settlement settles. */
    @Operation(summary = "Run the Braintree settlement batch", description = "Every transaction submitted for settlement settles and its notification is posted.")
    @APIResponse(responseCode = "200", description = "How many settled.", content = @Content(mediaType = "application/json", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT),
            examples = @ExampleObject(name = "example", value = "{\"settled\":2}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @POST
    @Path("/settle")
    public Map<String, Object> settleAll() {
        List<BraintreeSandboxWebhooks.Signed> events = sandbox.settleAll();
        return Map.of("settled", events.size());
    }

    @Operation(summary = "Braintree transactions of an order id", description = "Approved sales and refunds the emulator holds for an order id: proves nothing was charged twice.")
    @APIResponse(responseCode = "200", description = "The counts and transaction ids.", content = @Content(mediaType = "application/json", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT),
            examples = @ExampleObject(name = "example", value = "{\"order_id\":\"pay_3kq9XwV2mT8bZr\",\"approved_sales\":1,\"refunds\":0,\"transactions\":[\"dHJhbnNhY3Rpb25fa2M5eDJ6\"]}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    @Path("/orders/{orderId}")
    public Map<String, Object> order(@PathParam("orderId") String orderId) {
        return Map.of("order_id", orderId, "approved_sales", sandbox.approvedSales(orderId),
                "refunds", sandbox.refunds(orderId), "transactions", sandbox.idsForOrder(orderId));
    }
}
