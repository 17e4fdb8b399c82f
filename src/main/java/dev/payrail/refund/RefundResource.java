package dev.payrail.refund;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ListResponse;
import dev.payrail.merchant.CurrentMerchant;
import dev.payrail.payment.PaymentOrchestrator;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/payments/{id}/refunds")
@Tag(name = "Refunds")
public class RefundResource {

    private final RefundFlow flow;
    private final RefundStore refunds;
    private final PaymentOrchestrator payments;
    private final CurrentMerchant merchant;
    private final dev.payrail.idempotency.IdempotencyContext idempotency;

    RefundResource(RefundFlow flow, RefundStore refunds, PaymentOrchestrator payments, CurrentMerchant merchant,
            dev.payrail.idempotency.IdempotencyContext idempotency) {
        this.idempotency = idempotency;
        this.flow = flow;
        this.refunds = refunds;
        this.payments = payments;
        this.merchant = merchant;
    }

    @POST
    @dev.payrail.idempotency.Idempotent
    public Uni<Response> create(@PathParam("id") String paymentId, CreateRefundRequest request) {
        return flow.create(merchant.id(), paymentId, request, idempotency.key(), idempotency.fingerprint())
                .map(r -> Response.status(201).entity(RefundView.of(r)).build());
    }

    @GET
    public Uni<ListResponse<RefundView>> list(@PathParam("id") String paymentId) {
        return payments.require(merchant.id(), paymentId)
                .chain(p -> refunds.forPayment(merchant.id(), p.id()))
                .map(rows -> ListResponse.of(rows, Integer.MAX_VALUE, RefundView::of, RefundView::id));
    }
}
