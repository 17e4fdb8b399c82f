package dev.payrail.refund;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/refunds")
@Tag(name = "Refunds")
public class RefundByIdResource {

    private final RefundService service;
    private final CurrentMerchant merchant;

    RefundByIdResource(RefundService service, CurrentMerchant merchant) {
        this.service = service;
        this.merchant = merchant;
    }

    @GET
    @Path("/{id}")
    public Uni<RefundView> get(@PathParam("id") String id) {
        return service.require(merchant.id(), id).map(RefundView::of);
    }
}
