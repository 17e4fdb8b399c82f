package dev.payrail.sandbox;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.payrail.common.ApiException;

/**
 * {@code GET}, {@code PUT} and {@code DELETE} of {@code <emulator's admin path>/settings}: the one
 * run-time control every emulator offers (admin token). Each emulator's admin resource extends it
 * under its own path and adds what only it has (charge counts, settling, accounts).
 *
 * @param <S> the emulator's settings
 */
public abstract class EmulatorSettingsResource<S> {

    private final TunableEmulator<S> emulator;

    protected EmulatorSettingsResource(TunableEmulator<S> emulator) {
        this.emulator = emulator;
    }

    @Operation(summary = "The emulator's settings", description = "Latency and injected failures the emulator applies now.")
    @APIResponse(responseCode = "200", description = "The settings.")
    @GET
    @Path("/settings")
    public S settings() {
        return emulator.settings();
    }

    @Operation(summary = "Change the emulator's settings", description = "Partial update: fields left out keep their value.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "example", value = "{\"latency_ms\":50,\"error_rate\":0.02}")))
    @APIResponse(responseCode = "200", description = "The settings now.")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @PUT
    @Path("/settings")
    public S update(S update) {
        if (update == null) {
            throw ApiException.badRequest("A JSON object of settings is required.", null);
        }
        String invalid = emulator.update(update);
        if (invalid != null) {
            throw ApiException.badRequest(invalid + ".", null);
        }
        return emulator.settings();
    }

    @Operation(summary = "Reset the emulator's settings", description = "Back to the configured settings.")
    @APIResponse(responseCode = "200", description = "The settings now.")
    @DELETE
    @Path("/settings")
    public S reset() {
        emulator.resetSettings();
        return emulator.settings();
    }
}
