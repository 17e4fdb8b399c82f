package dev.payrail.risk;

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

import dev.payrail.common.ApiException;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/merchant/risk_settings}: the merchant's fraud-rule threshold and rule parameters. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/merchant/risk_settings")
@Tag(name = "Merchant")
public class RiskSettingsResource {

    static final String EXAMPLE = "{\"risk_threshold\":75,\"review_threshold\":50,"
            + "\"card_velocity\":{\"limit\":5,\"window_seconds\":3600,\"points\":40},"
            + "\"email_velocity\":{\"limit\":10,\"window_seconds\":3600,\"points\":30},"
            + "\"ip_velocity\":{\"limit\":20,\"window_seconds\":3600,\"points\":30},"
            + "\"customer_velocity\":{\"limit\":10,\"window_seconds\":3600,\"points\":30},"
            + "\"amount_limits\":{\"EUR\":500000},\"unusual_amount\":{\"multiplier\":5,\"min_history\":3,\"points\":30},"
            + "\"customer_rate_limit\":{\"limit\":30,\"window_seconds\":60}}";

    private final RiskStore store;
    private final CurrentMerchant merchant;

    RiskSettingsResource(RiskStore store, CurrentMerchant merchant) {
        this.store = store;
        this.merchant = merchant;
    }

    @Operation(summary = "The merchant's risk settings", description = "The fraud-rule threshold (risk_threshold, "
            + "default 75: a payment scoring at or above it is blocked), the review threshold and each rule's parameters.")
    @APIResponse(responseCode = "200", description = "The settings, defaults included.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RiskSettings.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @GET
    public Uni<RiskSettings> get() {
        return store.settings(merchant.id());
    }

    @Operation(summary = "Change the merchant's risk settings", description = "Fields present replace the current ones, "
            + "field by field, nested objects included; absent fields keep their value. review_threshold "
            + "must not exceed risk_threshold.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = RiskSettings.class), examples = @ExampleObject(name = "example",
                    value = "{\"risk_threshold\":80,\"card_velocity\":{\"limit\":3,\"window_seconds\":600}}")))
    @APIResponse(responseCode = "200", description = "The settings after the change.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RiskSettings.class),
            examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @PUT
    public Uni<RiskSettings> put(RiskSettings request) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        String merchantId = merchant.id();
        return store.settings(merchantId)
                .chain(current -> store.saveSettings(merchantId, request.over(current).validated()));
    }
}
