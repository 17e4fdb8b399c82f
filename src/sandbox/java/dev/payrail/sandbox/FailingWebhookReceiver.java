package dev.payrail.sandbox;

import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A webhook receiver that always fails (sandbox only, hidden by {@link SandboxGuard} otherwise): the
 * first attempt of a webhook failure simulated by the dashboard's test-mode cockpit goes here, so the
 * merchant sees in its delivery log a failed attempt with a real {@code 500} answer, the retry the
 * dispatcher schedules, and the retry that reaches its own endpoint.
 */
@Path("/sandbox/webhook-receiver/failing")
@Tag(name = "Simulator")
public class FailingWebhookReceiver {

    static final String PATH = "/sandbox/webhook-receiver/failing";

    @Operation(summary = "A webhook receiver that fails", description = "Answers every delivery with 500 (the test-mode cockpit's simulated webhook failure).")
    @APIResponse(responseCode = "500", description = "Always: the simulated failure.")
    @POST
    public Response receive(byte[] ignored) {
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "simulated_failure", "message",
                        "Payrail's sandbox receiver failed this attempt on purpose (test-mode cockpit): "
                                + "Payrail retries on its schedule, and you can retry it from the delivery log."))
                .build();
    }
}
