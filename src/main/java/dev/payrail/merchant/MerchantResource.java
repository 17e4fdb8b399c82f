package dev.payrail.merchant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
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
    @Operation(summary = "The calling merchant", description = "The merchant the API key belongs to (never its secrets).")
    @APIResponse(responseCode = "200", description = "The merchant.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MerchantView.class)))
    @GET
    public Uni<MerchantView> me() {
        return service.require(current.id()).map(MerchantView::of);
    }
}
