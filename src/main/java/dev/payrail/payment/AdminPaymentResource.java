package dev.payrail.payment;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@APIResponse(responseCode = "401", ref = "Unauthorized")
@Path("/admin/v1/payments")
@Tag(name = "Admin")
public class AdminPaymentResource {

    private final PaymentOrchestrator orchestrator;

    AdminPaymentResource(PaymentOrchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    /** The money of a bank transfer arrived: the payment is captured and its order paid. */
    @Operation(summary = "Confirm a bank transfer arrived", description = "An operator saw the money of a processing bank-transfer payment arrive: it becomes captured.")
    @APIResponse(responseCode = "200", description = "The captured payment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/{id}/confirm-bank-transfer")
    @dev.payrail.idempotency.Idempotent
    public Uni<jakarta.ws.rs.core.Response> confirmBankTransfer(@PathParam("id") String id) {
        return orchestrator.confirmBankTransfer(id).map(p -> jakarta.ws.rs.core.Response.ok(PaymentView.of(p)).build());
    }
}
