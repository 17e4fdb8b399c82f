package dev.payrail.checkout;

import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.merchant.CurrentMerchant;
import dev.payrail.merchant.MerchantService;
import dev.payrail.merchant.MerchantView;
import io.smallrye.mutiny.Uni;

/** The merchant's checkout settings: its publishable key, the origins allowed to frame the checkout, its logo. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/merchant")
@Tag(name = "Merchant")
public class CheckoutSettingsResource {

    private static final int MAX_LOGO_URL = 500;

    /** {@code PUT /api/v1/merchant/checkout_settings}. */
    public record CheckoutSettings(List<String> allowedOrigins, String logoUrl) {
    }

    /**
     * {@code logo} when it is an acceptable logo URL (https, at most {@link #MAX_LOGO_URL} characters,
     * no quote or space) or {@code null}; otherwise a 400 {@link ApiException} on {@code logo_url}.
     * The dashboard's checkout settings page validates with it too.
     */
    public static String logo(String logo) {
        if (logo != null && (logo.length() > MAX_LOGO_URL || !logo.startsWith("https://") || logo.contains("\"")
                || logo.contains(" "))) {
            throw ApiException.badRequest("logo_url is an https URL of at most " + MAX_LOGO_URL + " characters.",
                    "logo_url");
        }
        return logo;
    }

    private final CurrentMerchant current;
    private final MerchantService merchants;

    CheckoutSettingsResource(CurrentMerchant current, MerchantService merchants) {
        this.current = current;
        this.merchants = merchants;
    }

    @Operation(summary = "Rotate the publishable key",
            description = "A new pk_test_…/pk_live_… key; the old one stops working (at once on this pod, within the "
                    + "authentication cache time on the others). Checkouts open with the old key must be reloaded.")
    @APIResponse(responseCode = "200", description = "The merchant with its new publishable key.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MerchantView.class)))
    @POST
    @Path("/publishable_key/rotate")
    public Uni<MerchantView> rotate() {
        return merchants.rotatePublishableKey(current.id());
    }

    @Operation(summary = "Set the checkout's allowed origins and logo",
            description = "allowed_origins: the origins (scheme://host[:port], nothing after it) whose pages may embed "
                    + "the checkout with checkout.js; they become the page's Content-Security-Policy frame-ancestors. "
                    + "https only outside test mode; localhost and http origins in test mode only. An empty list "
                    + "allows no framing (the hosted page still works). logo_url: an https image URL, or null.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CheckoutSettings.class),
            examples = @ExampleObject(name = "example", value = "{\"allowed_origins\":[\"https://shop.example\"],\"logo_url\":\"https://shop.example/logo.png\"}")))
    @APIResponse(responseCode = "200", description = "The merchant with its checkout settings.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MerchantView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @PUT
    @Path("/checkout_settings")
    public Uni<MerchantView> settings(CheckoutSettings body) {
        if (body == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        boolean testMode = !current.get().live();
        List<String> origins = AllowedOrigins.validate(body.allowedOrigins(), testMode);
        String logo = logo(body.logoUrl());
        return merchants.setCheckoutSettings(current.id(), origins, logo);
    }
}
