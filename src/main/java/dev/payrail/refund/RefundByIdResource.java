package dev.payrail.refund;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/refunds")
@Tag(name = "Refunds")
public class RefundByIdResource {

    private final RefundStore refunds;
    private final CurrentMerchant merchant;

    RefundByIdResource(RefundStore refunds, CurrentMerchant merchant) {
        this.refunds = refunds;
        this.merchant = merchant;
    }

    @GET
    @Path("/{id}")
    public Uni<RefundView> get(@PathParam("id") String id) {
        return refunds.find(merchant.id(), id).onItem().ifNull().failWith(() -> ApiException.notFound("refund"))
                .map(RefundView::of);
    }
}
