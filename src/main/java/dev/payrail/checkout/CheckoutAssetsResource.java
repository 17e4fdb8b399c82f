package dev.payrail.checkout;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * checkout.js at its stable versioned URL and its integrity hash. checkout.js is served to any origin (CORS {@code *}) so that a merchant's page can load it
 * with {@code integrity} and {@code crossorigin="anonymous"}.
 */
@Tag(name = "Checkout (public)")
@Path("/v1")
public class CheckoutAssetsResource {

    @Operation(summary = "checkout.js, the embeddable checkout SDK",
            description = "Dependency-free JavaScript: new PaymentGateway({ key, orderId, ... }).open(). Load it with the "
                    + "integrity hash from GET /v1/checkout.json and crossorigin=\"anonymous\".")
    @APIResponse(responseCode = "200", description = "The script.",
            content = @Content(mediaType = "text/javascript", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "(function () { ... })();")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/checkout.js")
    @Produces("text/javascript")
    public Response sdk() {
        return Response.ok(CheckoutAssets.SDK.body(), CheckoutAssets.SDK.type())
                .header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "public, max-age=300")
                .header("ETag", "\"" + CheckoutAssets.SDK.integrity() + "\"")
                .build();
    }

    /** Where checkout.js is and its Subresource Integrity hash. */
    public record Integrity(String url, String integrity) {
    }

    @Operation(summary = "checkout.js's Subresource Integrity hash",
            description = "The sha384 integrity value of the checkout.js this server serves, for <script integrity>.")
    @APIResponse(responseCode = "200", description = "The URL and its integrity hash.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "CheckoutIntegrity"), examples = @ExampleObject(name = "example", value = "{\"url\":\"/v1/checkout.js\",\"integrity\":\"sha384-…\"}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/checkout.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response integrity() {
        return Response.ok(new Integrity("/v1/checkout.js", CheckoutAssets.SDK.integrity()))
                .header("Access-Control-Allow-Origin", "*").build();
    }
}
