package dev.payrail.refund;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/refunds")
@Tag(name = "Refunds")
public class RefundByIdResource {

    private final RefundStore refunds;
    private final CurrentMerchant merchant;

    RefundByIdResource(RefundStore refunds, CurrentMerchant merchant) {
        this.refunds = refunds;
        this.merchant = merchant;
    }

    @Operation(summary = "Retrieve a refund", description = "A refund by its own id, whatever payment it belongs to (of this merchant).")
    @APIResponse(responseCode = "200", description = "The refund.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RefundView.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"rfnd_5Tq8sVb1nM2xLp\",\"object\":\"refund\",\"payment_id\":\"pay_3kq9XwV2mT8bZr\",\"amount\":500,\"currency\":\"USD\",\"status\":\"processed\",\"reason\":\"requested_by_customer\",\"provider_reference\":\"sim_re_4bQ1\",\"created_at\":\"2026-01-15T10:05:00Z\",\"updated_at\":\"2026-01-15T10:05:00Z\"}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<RefundView> get(@PathParam("id") String id) {
        return refunds.find(merchant.id(), id).onItem().ifNull().failWith(() -> ApiException.notFound("refund"))
                .map(RefundView::of);
    }
}
