package dev.payrail.sandbox.wechatpay;

import java.util.LinkedHashMap;
import java.util.Map;

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

/**
 * Run-time control of the WeChat Pay emulator (admin token): makes a merchant account known, as a
 * merchant does by uploading its API certificate and setting its API v3 key at WeChat Pay, so that a
 * Payrail merchant can store credentials of its own against the emulator.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@Path("/admin/v1/sandbox/wechatpay")
@Tag(name = "Sandbox: WeChat Pay emulator")
public class WechatPaySandboxAdminResource {

    private static final String MCHID = "[0-9]{6,32}";

    private final WechatPaySandbox sandbox;

    WechatPaySandboxAdminResource(WechatPaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Operation(summary = "Register a WeChat Pay merchant with the emulator", description = "The emulator then verifies "
            + "requests signed with the merchant's key (serial merchant_serial_no) and encrypts its notifications with "
            + "api_v3_key. The answer names the platform key to store as platform_public_key / platform_serial_no.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example",
            value = "{\"appid\":\"wxd678efh567hg6787\",\"merchant_serial_no\":\"5E1F0A2B\",\"merchant_public_key\":\"MIIBIjANBgkq...\","
                    + "\"api_v3_key\":\"abcdefghijklmnopqrstuvwxyzABCDEF\"}")))
    @APIResponse(responseCode = "200", description = "The merchant as the emulator knows it, with the platform key.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example",
                    value = "{\"mchid\":\"1900000109\",\"appid\":\"wxd678efh567hg6787\",\"merchant_serial_no\":\"5E1F0A2B\","
                            + "\"platform_serial_no\":\"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\",\"platform_public_key\":\"MIIBIjANBgkq...\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @PUT
    @Path("/merchants/{mchid}")
    public Map<String, Object> register(@PathParam("mchid") String mchid, Map<String, String> body) {
        if (mchid == null || !mchid.matches(MCHID)) {
            throw ApiException.badRequest("mchid must be 6 to 32 digits.", "mchid");
        }
        if (body == null) {
            throw ApiException.badRequest("A JSON object is required.", null);
        }
        for (String field : new String[] { "appid", "merchant_serial_no", "merchant_public_key", "api_v3_key" }) {
            if (body.get(field) == null || body.get(field).isBlank()) {
                throw ApiException.badRequest(field + " is required.", field);
            }
        }
        try {
            sandbox.register(mchid, body.get("appid"), body.get("merchant_serial_no"), body.get("merchant_public_key"),
                    body.get("api_v3_key"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage() + ".", null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mchid", mchid);
        out.put("appid", body.get("appid"));
        out.put("merchant_serial_no", body.get("merchant_serial_no"));
        out.put("platform_serial_no", sandbox.platformSerialNo());
        out.put("platform_public_key", sandbox.platformPublicKey());
        return out;
    }
}
