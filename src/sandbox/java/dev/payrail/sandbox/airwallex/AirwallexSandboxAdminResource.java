package dev.payrail.sandbox.airwallex;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.sandbox.EmulatorSettingsResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Run-time control of the Airwallex emulator (admin token): latency and failure injection; and the
 * successful charges per Payrail payment ({@code merchant_order_id}), which prove that nothing was
 * charged twice.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@Path("/admin/v1/sandbox/airwallex")
@Tag(name = "Sandbox: Airwallex emulator")
public class AirwallexSandboxAdminResource extends EmulatorSettingsResource<AirwallexSandboxSettings> {

    private final AirwallexSandbox sandbox;

    AirwallexSandboxAdminResource(AirwallexSandbox sandbox) {
        super(sandbox);
        this.sandbox = sandbox;
    }

    @Operation(summary = "Successful Airwallex charges of a payment", description = "How many times the emulator charged for a Payrail payment: proves nothing was charged twice.")
    @APIResponse(responseCode = "200", description = "The count.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"payment_id\":\"pay_3kq9XwV2mT8bZr\",\"successful_charges\":1}")))
    @GET
    @Path("/charges/{paymentId}")
    public Map<String, Object> charges(@PathParam("paymentId") String paymentId) {
        return Map.of("payment_id", paymentId, "successful_charges", sandbox.chargesForOrder(paymentId));
    }
}
