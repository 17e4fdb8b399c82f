package dev.payrail.merchant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.audit.Actor;
import io.smallrye.mutiny.Uni;

/** The merchant's 3-D Secure rules: {@code GET}/{@code PUT /api/v1/merchant/three_d_secure}. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/merchant/three_d_secure")
@Tag(name = "Merchant")
public class ThreeDSecureResource {

    private static final String EXAMPLE = "{\"mode\":\"threshold\",\"default_threshold\":3000,"
            + "\"thresholds\":{\"USD\":3000,\"JPY\":5000}}";

    private final CurrentMerchant current;
    private final ThreeDSecureStore store;

    ThreeDSecureResource(CurrentMerchant current, ThreeDSecureStore store) {
        this.current = current;
        this.store = store;
    }

    @Operation(summary = "The merchant's 3-D Secure rules",
            description = "When card payments ask the provider to authenticate the cardholder. A merchant that set "
                    + "none has mode when_required (Payrail asks for nothing; the provider's demand is played).")
    @APIResponse(responseCode = "200", description = "The rules.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ThreeDSecureSettings.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @GET
    public Uni<ThreeDSecureSettings> get() {
        return store.find(current.id());
    }

    @Operation(summary = "Set the merchant's 3-D Secure rules",
            description = "mode: always (every on-session card payment asks for authentication), threshold (at or above "
                    + "the currency's threshold: thresholds[currency], else default_threshold; below it as "
                    + "when_required), when_required (Payrail never asks; a challenge the provider requires is "
                    + "played), never (no challenge is ever played: a payment the provider insists on authenticating "
                    + "fails with authentication_required). Thresholds are whole amounts in the currency's minor "
                    + "units. Off-session payments are never challenged whatever the mode. Replaces all three fields.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ThreeDSecureSettings.Update.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The new rules.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ThreeDSecureSettings.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @PUT
    public Uni<ThreeDSecureSettings> put(ThreeDSecureSettings.Update body) {
        ThreeDSecureSettings settings = ThreeDSecureSettings.validate(body);
        return store.save(current.id(), settings, Actor.merchant(current.id()));
    }
}
