package dev.payrail.sandbox.pagadito;

import java.util.Map;

import jakarta.ws.rs.POST;
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

/**
 * Run-time control of the Pagadito emulator (admin token): latency and failure injection, merchant
 * accounts with their panel's return URL, and letting a transaction expire.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@Path("/admin/v1/sandbox/pagadito")
@Tag(name = "Sandbox: Pagadito emulator")
public class PagaditoSandboxAdminResource extends EmulatorSettingsResource<PagaditoSandboxSettings> {

    private final PagaditoSandbox sandbox;

    PagaditoSandboxAdminResource(PagaditoSandbox sandbox) {
        super(sandbox);
        this.sandbox = sandbox;
    }

    /** A merchant account of the emulator, as opening one in Pagadito's panel would make it. */
    public record AccountRequest(String wsk, String returnUrl) {
    }

    @Operation(summary = "Add a Pagadito emulator account", description = "A merchant account (uid in the path) with its web-service key and the return URL of its panel, with {value} for the transaction token and {ern_value} for the ERN.")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccountRequest.class), examples = @ExampleObject(name = "example", value = "{\"wsk\":\"my-wsk\",\"return_url\":\"https://payrail.example/pagadito/return/mer_3kq9XwV2mT8bZr?token={value}&ern={ern_value}\"}")))
    @APIResponse(responseCode = "200", description = "The account (without its key).",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"uid\":\"shop-1\",\"return_url\":\"https://payrail.example/pagadito/return/mer_3kq9XwV2mT8bZr?token={value}&ern={ern_value}\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @PUT
    @Path("/accounts/{uid}")
    public Map<String, Object> account(@PathParam("uid") String uid, AccountRequest request) {
        try {
            sandbox.register(uid, request == null ? null : request.wsk(), request == null ? null : request.returnUrl());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage() + ".", null);
        }
        return Map.of("uid", uid, "return_url", request.returnUrl());
    }

    @Operation(summary = "Let a Pagadito emulator transaction expire", description = "As a payer who closes the browser on Pagadito's page: a REGISTERED transaction becomes EXPIRED.")
    @APIResponse(responseCode = "200", description = "The transaction's status.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"status\":\"EXPIRED\"}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Path("/transactions/{token}/expire")
    public Map<String, Object> expire(@PathParam("token") String token) {
        if (sandbox.transaction(token) == null) {
            throw ApiException.notFound("transaction");
        }
        sandbox.expire(token);
        return Map.of("status", sandbox.transaction(token).status());
    }
}
