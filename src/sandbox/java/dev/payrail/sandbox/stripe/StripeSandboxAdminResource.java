package dev.payrail.sandbox.stripe;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;

/**
 * Run-time control of the Stripe emulator (admin token): latency, failure injection and seed; and
 * the successful charges per Payrail payment, which prove that nothing was charged twice.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@Path("/admin/v1/sandbox/stripe")
@Tag(name = "Sandbox: Stripe emulator")
public class StripeSandboxAdminResource {

    private final StripeSandbox sandbox;

    StripeSandboxAdminResource(StripeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Operation(summary = "The Stripe emulator settings", description = "Latency and injected failures the emulator applies now.")
    @APIResponse(responseCode = "200", description = "The settings.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StripeSandboxSettings.class)))
    @GET
    @Path("/settings")
    public StripeSandboxSettings settings() {
        return sandbox.settings();
    }

    /** Partial update: fields left out keep their value. */
    @Operation(summary = "Change the Stripe emulator settings", description = "Partial update: fields left out keep their value.")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StripeSandboxSettings.class), examples = @ExampleObject(name = "example", value = "{\"latency_ms\":50,\"error_rate\":0.02}")))
    @APIResponse(responseCode = "200", description = "The settings now.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StripeSandboxSettings.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
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
    @Operation(summary = "Reset the Stripe emulator settings", description = "Back to the configured settings.")
    @APIResponse(responseCode = "200", description = "The settings now.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StripeSandboxSettings.class)))
    @DELETE
    @Path("/settings")
    public StripeSandboxSettings reset() {
        sandbox.resetSettings();
        return sandbox.settings();
    }

    @Operation(summary = "Successful Stripe charges of a payment", description = "How many times the emulator charged for a Payrail payment: proves nothing was charged twice.")
    @APIResponse(responseCode = "200", description = "The count.",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = "{\"payment_id\":\"pay_3kq9XwV2mT8bZr\",\"successful_charges\":1}")))
    @GET
    @Path("/charges/{paymentId}")
    public Map<String, Object> charges(@PathParam("paymentId") String paymentId) {
        return Map.of("payment_id", paymentId, "successful_charges", sandbox.chargesForPayment(paymentId));
    }
}
