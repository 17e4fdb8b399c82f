package dev.payrail.payment;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/admin/v1/payments")
@Tag(name = "Admin")
public class AdminPaymentResource {

    private final PaymentOrchestrator orchestrator;

    AdminPaymentResource(PaymentOrchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    /** The money of a bank transfer arrived: the payment is captured and its order paid. */
    @POST
    @Path("/{id}/confirm-bank-transfer")
    @dev.payrail.idempotency.Idempotent
    public Uni<jakarta.ws.rs.core.Response> confirmBankTransfer(@PathParam("id") String id) {
        return orchestrator.confirmBankTransfer(id).map(p -> jakarta.ws.rs.core.Response.ok(PaymentView.of(p)).build());
    }
}
