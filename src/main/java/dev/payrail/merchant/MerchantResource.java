package dev.payrail.merchant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/merchant")
@Tag(name = "Merchant")
public class MerchantResource {

    private final CurrentMerchant current;
    private final MerchantService service;

    MerchantResource(CurrentMerchant current, MerchantService service) {
        this.current = current;
        this.service = service;
    }

    /** The authenticated merchant's own profile. */
    @GET
    public Uni<MerchantView> me() {
        return service.require(current.id()).map(MerchantView::of);
    }
}
