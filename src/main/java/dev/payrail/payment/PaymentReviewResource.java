package dev.payrail.payment;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.idempotency.Idempotent;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/payments/{id}/review/approve|reject}: the merchant's answer to a payment held for review. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/payments/{id}/review")
@Tag(name = "Payments")
public class PaymentReviewResource {

    private final PaymentReview review;
    private final CurrentMerchant merchant;

    PaymentReviewResource(PaymentReview review, CurrentMerchant merchant) {
        this.review = review;
        this.merchant = merchant;
    }

    @Operation(summary = "Approve a payment held for review", description = "Captures the authorized payment the fraud "
            + "rules held for review (risk.decision review) and closes the review (risk.review approved, event "
            + "payment.review_closed). 200 captured; 202 capture_pending when the provider has not answered yet. "
            + "Approving again returns the payment; a rejected review is 409.")
    @APIResponse(responseCode = "200", description = "The captured payment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "202", description = "Capture pending at the provider.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/approve")
    @Idempotent
    public Uni<Response> approve(@PathParam("id") String id) {
        return review.approve(merchant.id(), id).map(PaymentResource::settledOrAccepted);
    }

    @Operation(summary = "Reject a payment held for review", description = "Voids the authorized payment the fraud rules "
            + "held for review and closes the review (risk.review rejected, event payment.review_closed). 200 cancelled; "
            + "202 cancel_pending when the provider has not answered yet. Rejecting again returns the payment; an "
            + "approved review is 409.")
    @APIResponse(responseCode = "200", description = "The cancelled payment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "202", description = "Cancel pending at the provider.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/reject")
    @Idempotent
    public Uni<Response> reject(@PathParam("id") String id) {
        return review.reject(merchant.id(), id).map(PaymentResource::settledOrAccepted);
    }
}
