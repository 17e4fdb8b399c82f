package dev.payrail.sandbox.razorpay;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;

/** Run-time control of the Razorpay emulator (admin token): latency and failure injection; charges per payment. */
@Path("/admin/v1/sandbox/razorpay")
@Tag(name = "Sandbox: Razorpay emulator")
public class RazorpaySandboxAdminResource {

    private final RazorpaySandbox sandbox;

    RazorpaySandboxAdminResource(RazorpaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    @GET
    @Path("/settings")
    public RazorpaySandboxSettings settings() {
        return sandbox.settings();
    }

    /** Partial update: fields left out keep their value. */
    @PUT
    @Path("/settings")
    public RazorpaySandboxSettings update(RazorpaySandboxSettings update) {
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
    public RazorpaySandboxSettings reset() {
        sandbox.resetSettings();
        return sandbox.settings();
    }

    @GET
    @Path("/charges/{paymentId}")
    public Map<String, Object> charges(@PathParam("paymentId") String paymentId) {
        return Map.of("payment_id", paymentId, "authorizations", sandbox.chargesForPayment(paymentId));
    }
}
