package dev.payrail.checkout;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;

/** The hosted checkout page's own script and styles (files of this origin: the page runs no inline code). */
@Tag(name = "Checkout (public)")
@Path("/checkout/assets")
public class CheckoutPageAssetsResource {

    @Operation(summary = "The hosted checkout page's script and styles", description = "checkout-page.js and checkout.css.")
    @APIResponse(responseCode = "200", description = "The file.",
            content = @Content(mediaType = "text/css", examples = @ExampleObject(name = "example", value = ".checkout { }")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{name}")
    public Response asset(@PathParam("name") String name) {
        CheckoutAssets.Asset a = CheckoutAssets.PAGE.get(name);
        if (a == null) {
            throw ApiException.notFound("asset");
        }
        return Response.ok(a.body(), a.type()).header("Cache-Control", "public, max-age=300").build();
    }
}
