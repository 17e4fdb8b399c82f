package dev.payrail.sandbox.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.POST;
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
import dev.payrail.connector.simulator.SimulatorWebhookConfig;
import io.smallrye.mutiny.Uni;

/**
 * Disputes at the simulator (dev, test and sandbox; with the webhook emitter): a cardholder opens
 * one on a simulated payment, the card network decides it; each sends the simulator's signed
 * {@code dispute.*} webhook to Payrail, as a real provider would.
 */
@Path("/simulator/disputes")
@Tag(name = "Simulator")
public class SimulatorDisputeResource {

    /** A dispute to open on the payment the simulator knows as {@code reference}. */
    public record OpenRequest(String reference, Long amount, String reason, Boolean inquiry) {
    }

    /** How the network decides: {@code won} or {@code lost}. */
    public record CloseRequest(String outcome) {
    }

    private final SimulatorDisputeDesk desk;
    private final SimulatorWebhookConfig config;

    SimulatorDisputeResource(SimulatorDisputeDesk desk, SimulatorWebhookConfig config) {
        this.desk = desk;
        this.config = config;
    }

    @Operation(summary = "Open a dispute at the simulator", description = "Opens a dispute (or an inquiry) on a simulated payment and sends the simulator's signed dispute.created webhook to Payrail.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenRequest.class),
            examples = @ExampleObject(name = "example", value = "{\"reference\":\"sim_ch_9aQ2\",\"reason\":\"fraudulent\"}")))
    @APIResponse(responseCode = "200", description = "The dispute and how Payrail received its event.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"dispute_id\":\"simdp_4kQ9\",\"status\":\"needs_response\",\"event_id\":\"simevt_2mQ8\",\"received\":\"applied\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    public Uni<Map<String, Object>> open(OpenRequest request) {
        enabled();
        if (request == null || request.reference() == null || request.reference().isBlank()
                || request.reference().length() > 255) {
            throw ApiException.badRequest("reference is the simulator's payment reference.", "reference");
        }
        if (request.amount() != null && request.amount() <= 0) {
            throw ApiException.badRequest("amount must be positive.", "amount");
        }
        if (request.reason() != null && !request.reason().matches("[a-z_]{2,40}")) {
            throw ApiException.badRequest("reason is a reason code such as fraudulent.", "reason");
        }
        return desk.open(request.reference(), request.amount(), request.reason(), Boolean.TRUE.equals(request.inquiry()))
                .map(SimulatorDisputeResource::answer);
    }

    @Operation(summary = "Decide a dispute at the simulator", description = "The network decides the dispute (won or lost) and the simulator sends its signed dispute.closed webhook to Payrail.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = CloseRequest.class),
            examples = @ExampleObject(name = "example", value = "{\"outcome\":\"won\"}")))
    @APIResponse(responseCode = "200", description = "The dispute and how Payrail received its event.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"dispute_id\":\"simdp_4kQ9\",\"status\":\"won\",\"event_id\":\"simevt_2mQ9\",\"received\":\"applied\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Path("/{id}/close")
    public Uni<Map<String, Object>> close(@PathParam("id") String id, CloseRequest request) {
        enabled();
        if (request == null || !("won".equals(request.outcome()) || "lost".equals(request.outcome()))) {
            throw ApiException.badRequest("outcome is won or lost.", "outcome");
        }
        return desk.close(id, "won".equals(request.outcome()))
                .onItem().ifNull().failWith(() -> ApiException.notFound("open simulator dispute"))
                .map(SimulatorDisputeResource::answer);
    }

    private void enabled() {
        if (!config.emitterEnabled()) {
            throw new ApiException(404, "NOT_FOUND_ERROR", "No resource at this path.", null);
        }
    }

    private static Map<String, Object> answer(SimulatorDisputeDesk.Sent sent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dispute_id", sent.disputeId());
        out.put("status", sent.status());
        out.put("event_id", sent.eventId());
        out.put("received", sent.received());
        return out;
    }
}
