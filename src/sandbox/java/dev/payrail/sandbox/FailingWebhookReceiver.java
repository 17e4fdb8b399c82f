package dev.payrail.sandbox;

import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A webhook receiver that always fails (sandbox only, hidden by {@link SandboxGuard} otherwise): the
 * first attempt of a webhook failure simulated by the dashboard's test-mode cockpit goes here, so the
 * merchant sees in its delivery log a failed attempt with a real {@code 500} answer, the retry the
 * dispatcher schedules, and the retry that reaches its own endpoint.
 */
@Path("/sandbox/webhook-receiver/failing")
public class FailingWebhookReceiver {

    static final String PATH = "/sandbox/webhook-receiver/failing";

    /** Not an operation of the API (it never succeeds): left out of the OpenAPI document. */
    @Operation(hidden = true)
    @POST
    public Response receive() {
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "simulated_failure", "message",
                        "Payrail's sandbox receiver failed this attempt on purpose (test-mode cockpit): "
                                + "Payrail retries on its schedule, and you can retry it from the delivery log."))
                .build();
    }
}
