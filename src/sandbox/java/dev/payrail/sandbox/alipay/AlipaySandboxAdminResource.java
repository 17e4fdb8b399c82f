package dev.payrail.sandbox.alipay;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.sandbox.EmulatorSettingsResource;

/** Run-time control of the Alipay emulator (admin token): failure injection, apps, trades. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@Path("/admin/v1/sandbox/alipay")
@Tag(name = "Sandbox: Alipay emulator")
public class AlipaySandboxAdminResource extends EmulatorSettingsResource<AlipaySandboxSettings> {

    private final AlipaySandbox sandbox;

    AlipaySandboxAdminResource(AlipaySandbox sandbox) {
        super(sandbox);
        this.sandbox = sandbox;
    }

    /** An app's registration: the app public key (X.509, PEM or base64) and its seller id. */
    public record AppRegistration(String appPublicKey, String sellerId) {
    }

    @Operation(summary = "Register an app with the Alipay emulator", description = "As uploading an app's public key in Alipay's console: requests of app_id are verified with it. The emulator's Alipay public key is the sandbox one (payrail.alipay.alipay-public-key).")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AppRegistration.class), examples = @ExampleObject(name = "example", value = "{\"app_public_key\":\"MIIBIjANBg...\",\"seller_id\":\"2088000100000002\"}")))
    @APIResponse(responseCode = "200", description = "The app.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"app_id\":\"2021000100000002\",\"seller_id\":\"2088000100000002\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @PUT
    @Path("/apps/{appId}")
    public Map<String, Object> registerApp(@PathParam("appId") String appId, AppRegistration app) {
        if (appId == null || !appId.matches("[0-9]{10,32}") || app == null || app.appPublicKey() == null) {
            throw ApiException.badRequest("A numeric app id and app_public_key are required.", "app_public_key");
        }
        try {
            sandbox.registerApp(appId, app.appPublicKey(), app.sellerId());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("app_public_key is not an RSA public key (X.509, PEM or base64).", "app_public_key");
        }
        return app.sellerId() == null ? Map.of("app_id", appId) : Map.of("app_id", appId, "seller_id", app.sellerId());
    }

    @Operation(summary = "A trade of the Alipay emulator", description = "The trade of an app's out_trade_no as the emulator holds it.")
    @APIResponse(responseCode = "200", description = "The trade.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"out_trade_no\":\"pay_3kq9XwV2mT8bZr\",\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"88.88\"}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/apps/{appId}/trades/{outTradeNo}")
    public Map<String, Object> trade(@PathParam("appId") String appId, @PathParam("outTradeNo") String outTradeNo) {
        Map<String, Object> t = sandbox.trade(appId, outTradeNo);
        if (t == null) {
            throw ApiException.notFound("trade");
        }
        return t;
    }
}
