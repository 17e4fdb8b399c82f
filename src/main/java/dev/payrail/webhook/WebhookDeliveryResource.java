package dev.payrail.webhook;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The delivery log and manual redelivery. */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1")
@Tag(name = "Webhooks")
public class WebhookDeliveryResource {

    private final WebhookDeliveryStore deliveries;
    private final CurrentMerchant merchant;
    private final WebhookDispatcher dispatcher;

    WebhookDeliveryResource(WebhookDeliveryStore deliveries, CurrentMerchant merchant, WebhookDispatcher dispatcher) {
        this.deliveries = deliveries;
        this.merchant = merchant;
        this.dispatcher = dispatcher;
    }

    /** Delivery attempts, newest first; filters {@code status} (succeeded, failed), {@code event_type}, {@code event_id}. */
    @Operation(summary = "List webhook deliveries", description = "Newest first, paginated; filters by status and event type.")
    @APIResponse(responseCode = "200", description = "A page of deliveries.", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = "WebhookDeliveryList"), examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":["
                    + WebhookDelivery.EXAMPLE + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    @Path("/webhook-deliveries")
    public Uni<ListResponse<WebhookDelivery>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("status") String status,
            @QueryParam("event_type") String eventType, @QueryParam("event_id") String eventId) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "whd_");
        if (status != null && !status.equals("succeeded") && !status.equals("failed")) {
            throw ApiException.badRequest("status must be succeeded or failed.", "status");
        }
        if (eventType != null && !WebhookEventTypes.ALL.contains(eventType)) {
            throw ApiException.badRequest("Unknown event type: " + eventType + ".", "event_type");
        }
        if (eventId != null) {
            Pagination.cursor(eventId, "evt_");
        }
        return deliveries.list(merchant.id(), status, eventType, eventId, cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, d -> d, WebhookDelivery::id));
    }

    @Operation(summary = "Retrieve a webhook delivery", description = "One delivery attempt: the event, the URL, the answer's status and body (truncated), the error and the next retry.")
    @APIResponse(responseCode = "200", description = "The delivery with its attempts.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookDelivery.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/webhook-deliveries/{id}")
    public Uni<WebhookDelivery> get(@PathParam("id") String id) {
        return deliveries.find(merchant.id(), id).onItem().ifNull().failWith(() -> ApiException.notFound("webhook delivery"));
    }

    /** Sends the delivery's event again now: one more attempt, also after the last automatic one failed. */
    @Operation(summary = "Retry a webhook delivery now", description = "Sends the delivery's event again at once: one more attempt, also after the last automatic one failed.")
    @APIResponse(responseCode = "202", description = "The event is queued for delivery again.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "WebhookRedelivery"), examples = @ExampleObject(name = "example",
                    value = "{\"object\":\"webhook_redelivery\",\"event_id\":\"evt_2mQ8sXb1nK4zLp\",\"status\":\"pending\"}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/webhook-deliveries/{id}/retry")
    public Uni<Response> retry(@PathParam("id") String id) {
        String merchantId = merchant.id();
        return deliveries.find(merchantId, id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("webhook delivery"))
                .chain(d -> requeue(merchantId, d.eventId()));
    }

    /** Sends an event again now, whatever became of its earlier deliveries. */
    @Operation(summary = "Deliver an event again", description = "A new delivery of the event to the current endpoint.")
    @APIResponse(responseCode = "202", description = "A new delivery is queued.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "WebhookRedelivery"), examples = @ExampleObject(name = "example",
                    value = "{\"object\":\"webhook_redelivery\",\"event_id\":\"evt_2mQ8sXb1nK4zLp\",\"status\":\"pending\"}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/events/{id}/redeliver")
    public Uni<Response> redeliver(@PathParam("id") String id) {
        if (!id.startsWith("evt_") || id.length() > 64) {
            throw ApiException.notFound("event");
        }
        return requeue(merchant.id(), id);
    }

    private Uni<Response> requeue(String merchantId, String eventId) {
        return deliveries.requeue(merchantId, eventId).map(queued -> {
            if (queued == null) {
                throw ApiException.notFound("event");
            }
            if (!queued) {
                throw new ApiException(409, "INVALID_STATE", "The event is already queued for delivery.", null)
                        .with("event_id", eventId);
            }
            // Queued for now and committed: claim it now, not at the next poll.
            dispatcher.queued();
            return Response.accepted(Map.of("object", "webhook_redelivery", "event_id", eventId, "status", "pending"))
                    .build();
        });
    }
}
