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

/** The delivery log and manual redelivery. */
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

    @GET
    @Path("/webhook-deliveries/{id}")
    public Uni<WebhookDelivery> get(@PathParam("id") String id) {
        return deliveries.find(merchant.id(), id).onItem().ifNull().failWith(() -> ApiException.notFound("webhook delivery"));
    }

    /** Sends the delivery's event again now: one more attempt, also after the last automatic one failed. */
    @POST
    @Path("/webhook-deliveries/{id}/retry")
    public Uni<Response> retry(@PathParam("id") String id) {
        String merchantId = merchant.id();
        return deliveries.find(merchantId, id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("webhook delivery"))
                .chain(d -> requeue(merchantId, d.eventId()));
    }

    /** Sends an event again now, whatever became of its earlier deliveries. */
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
