package dev.payrail.sandbox.braintree;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;

/**
 * Run-time control of the Braintree emulator (admin token): latency, failure injection, settlement
 * mode; settles transactions (the settlement batch) and counts sales per order id.
 */
@Path("/admin/v1/sandbox/braintree")
@Tag(name = "Sandbox: Braintree emulator")
public class BraintreeSandboxAdminResource {

    private final BraintreeSandbox sandbox;

    BraintreeSandboxAdminResource(BraintreeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @GET
    @Path("/settings")
    public BraintreeSandboxSettings settings() {
        return sandbox.settings();
    }

    /** Partial update: fields left out keep their value. */
    @PUT
    @Path("/settings")
    public BraintreeSandboxSettings update(BraintreeSandboxSettings update) {
        if (update == null) {
            throw ApiException.badRequest("A JSON object of settings is required.", null);
        }
        String invalid = sandbox.update(update);
        if (invalid != null) {
            throw ApiException.badRequest(invalid + ".", null);
        }
        return sandbox.settings();
    }

    @DELETE
    @Path("/settings")
    public BraintreeSandboxSettings reset() {
        sandbox.resetSettings();
        return sandbox.settings();
    }

    /** Settles one transaction now ({@code ?declined=true}: its settlement is declined). */
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
    @POST
    @Path("/settle")
    public Map<String, Object> settleAll() {
        List<BraintreeSandboxWebhooks.Signed> events = sandbox.settleAll();
        return Map.of("settled", events.size());
    }

    @GET
    @Path("/orders/{orderId}")
    public Map<String, Object> order(@PathParam("orderId") String orderId) {
        return Map.of("order_id", orderId, "approved_sales", sandbox.approvedSales(orderId),
                "refunds", sandbox.refunds(orderId), "transactions", sandbox.idsForOrder(orderId));
    }
}
