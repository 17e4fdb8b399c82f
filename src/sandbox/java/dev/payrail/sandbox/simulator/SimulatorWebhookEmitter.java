package dev.payrail.sandbox.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.connector.simulator.SimulatorWebhookConfig;
import dev.payrail.connector.simulator.SimulatorWebhooks;
import dev.payrail.webhook.inbound.InboundWebhookService;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Makes the simulator send a signed provider event to Payrail, as a real provider would (dev,
 * test and sandbox; off unless {@code payrail.simulator.webhook.emitter-enabled}). The event goes
 * through the same verification as {@code POST /webhooks/simulator}.
 */
@Path("/simulator/webhooks")
@Tag(name = "Simulator")
public class SimulatorWebhookEmitter {

    /** What the simulator should announce. */
    public record EmitRequest(String type, String reference, Long amount, String declineCode) {
    }

    private final SimulatorWebhooks webhooks;
    private final SimulatorWebhookConfig config;
    private final InboundWebhookService inbound;

    SimulatorWebhookEmitter(SimulatorWebhooks webhooks, SimulatorWebhookConfig config, InboundWebhookService inbound) {
        this.webhooks = webhooks;
        this.config = config;
        this.inbound = inbound;
    }

    @Operation(summary = "Make the simulator send a webhook", description = "The simulator signs a provider event and Payrail receives it as from a real provider (dev, test and sandbox).")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EmitRequest.class), examples = @ExampleObject(name = "example", value = "{\"type\":\"payment.captured\",\"reference\":\"sim_ch_9aQ2\",\"amount\":1999}")))
    @APIResponse(responseCode = "200", description = "The event as Payrail received it.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"event_id\":\"evt_2mQ8sXb1nK4zLp\",\"status\":\"processed\",\"body\":\"{...}\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    public Uni<Map<String, Object>> emit(EmitRequest request) {
        if (!config.emitterEnabled()) {
            throw new ApiException(404, "NOT_FOUND_ERROR", "No resource at this path.", null);
        }
        if (request == null || request.type() == null || !request.type().matches("[a-z_]{2,32}\\.[a-z_]{2,32}")) {
            throw ApiException.badRequest("type is an event type such as payment.captured.", "type");
        }
        if (request.reference() == null || request.reference().isBlank() || request.reference().length() > 255) {
            throw ApiException.badRequest("reference is the simulator's payment or refund reference.", "reference");
        }
        SimulatorWebhooks.Signed signed = webhooks.sign(request.type(), request.reference(), request.amount(),
                request.declineCode(), Instant.now());
        Map<String, String> headers = Map.of(SimulatorWebhooks.HEADER.toLowerCase(), signed.signatureHeader(),
                "content-type", "application/json");
        return inbound.receive(SimulatorConnector.NAME, headers, signed.body().getBytes(StandardCharsets.UTF_8))
                .map(r -> Map.of("event_id", r.eventId(), "status", r.status(), "body", signed.body()));
    }
}
