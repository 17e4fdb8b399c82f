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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
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

    @Operation(summary = "Refund a payment", description = "Refunds all that is left (no amount) or part of a captured payment. Send an Idempotency-Key to retry safely.")
    @RequestBody(required = false,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateRefundRequest.class), examples = @ExampleObject(name = "example", value = "{\"amount\":500,\"reason\":\"requested_by_customer\"}")))
    @APIResponse(responseCode = "201", description = "The refund (processed, pending or failed).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RefundView.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"rfnd_5Tq8sVb1nM2xLp\",\"object\":\"refund\",\"payment_id\":\"pay_3kq9XwV2mT8bZr\",\"amount\":500,\"currency\":\"USD\",\"status\":\"processed\",\"reason\":\"requested_by_customer\",\"provider_reference\":\"sim_re_4bQ1\",\"created_at\":\"2026-01-15T10:05:00Z\",\"updated_at\":\"2026-01-15T10:05:00Z\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @dev.payrail.idempotency.Idempotent
    public Uni<Response> create(@PathParam("id") String paymentId, CreateRefundRequest request) {
        return flow.create(merchant.id(), paymentId, request, idempotency.key(), idempotency.fingerprint())
                .map(r -> Response.status(201).entity(RefundView.of(r)).build());
    }

    @Operation(summary = "List a payment's refunds", description = "Every refund of the payment, newest first, whatever its status.")
    @APIResponse(responseCode = "200", description = "The payment's refunds.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RefundList"), examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":[{\"id\":\"rfnd_5Tq8sVb1nM2xLp\",\"object\":\"refund\",\"payment_id\":\"pay_3kq9XwV2mT8bZr\",\"amount\":500,\"currency\":\"USD\",\"status\":\"processed\",\"reason\":\"requested_by_customer\",\"provider_reference\":\"sim_re_4bQ1\",\"created_at\":\"2026-01-15T10:05:00Z\",\"updated_at\":\"2026-01-15T10:05:00Z\"}],\"has_more\":false}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    public Uni<ListResponse<RefundView>> list(@PathParam("id") String paymentId) {
        return payments.require(merchant.id(), paymentId)
                .chain(p -> refunds.forPayment(merchant.id(), p.id()))
                .map(rows -> ListResponse.of(rows, Integer.MAX_VALUE, RefundView::of, RefundView::id));
    }
}
