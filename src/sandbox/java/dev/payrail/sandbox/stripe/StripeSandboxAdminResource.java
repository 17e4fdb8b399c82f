package dev.payrail.sandbox.stripe;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;

/**
 * Run-time control of the Stripe emulator (admin token): latency, failure injection and seed; and
 * the successful charges per Payrail payment, which prove that nothing was charged twice.
 */
@Path("/admin/v1/sandbox/stripe")
@Tag(name = "Sandbox: Stripe emulator")
public class StripeSandboxAdminResource {

    private final StripeSandbox sandbox;

    StripeSandboxAdminResource(StripeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @GET
    @Path("/settings")
    public StripeSandboxSettings settings() {
        return sandbox.settings();
    }

    /** Partial update: fields left out keep their value. */
    @PUT
    @Path("/settings")
    public StripeSandboxSettings update(StripeSandboxSettings update) {
        if (update == null) {
            throw ApiException.badRequest("A JSON object of settings is required.", null);
        }
        String invalid = sandbox.update(update);
        if (invalid != null) {
            throw ApiException.badRequest(invalid + ".", null);
        }
        return sandbox.settings();
    }

    /** Back to the configured settings. */
    @DELETE
    @Path("/settings")
    public StripeSandboxSettings reset() {
        sandbox.resetSettings();
        return sandbox.settings();
    }

    @GET
    @Path("/charges/{paymentId}")
    public Map<String, Object> charges(@PathParam("paymentId") String paymentId) {
        return Map.of("payment_id", paymentId, "successful_charges", sandbox.chargesForPayment(paymentId));
    }
}
