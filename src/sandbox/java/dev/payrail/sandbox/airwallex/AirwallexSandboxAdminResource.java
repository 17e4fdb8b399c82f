package dev.payrail.sandbox.airwallex;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;

/**
 * Run-time control of the Airwallex emulator (admin token): latency and failure injection; and the
 * successful charges per Payrail payment ({@code merchant_order_id}), which prove that nothing was
 * charged twice.
 */
@Path("/admin/v1/sandbox/airwallex")
@Tag(name = "Sandbox: Airwallex emulator")
public class AirwallexSandboxAdminResource {

    private final AirwallexSandbox sandbox;

    AirwallexSandboxAdminResource(AirwallexSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @GET
    @Path("/settings")
    public AirwallexSandboxSettings settings() {
        return sandbox.settings();
    }

    /** Replaces the settings as a whole (every field; see {@link AirwallexSandboxConfig}). */
    @PUT
    @Path("/settings")
    public AirwallexSandboxSettings update(AirwallexSandboxSettings update) {
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
    public AirwallexSandboxSettings reset() {
        sandbox.resetSettings();
        return sandbox.settings();
    }

    @GET
    @Path("/charges/{paymentId}")
    public Map<String, Object> charges(@PathParam("paymentId") String paymentId) {
        return Map.of("payment_id", paymentId, "successful_charges", sandbox.chargesForOrder(paymentId));
    }
}
