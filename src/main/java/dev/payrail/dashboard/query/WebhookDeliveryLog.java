package dev.payrail.dashboard.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.webhook.WebhookDelivery;
import dev.payrail.webhook.WebhookDeliveryStore;
import dev.payrail.webhook.WebhookDispatcher;
import dev.payrail.webhook.WebhookEventTypes;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A merchant's webhook delivery log for the dashboard, and its manual retries, on the same store
 * and queue as the API's {@code /webhook-deliveries} and {@code /events/{id}/redeliver}: the log is
 * {@link WebhookDeliveryStore#list} (newest first, the cursor is the last delivery's id), a retry or
 * redelivery is {@link WebhookDeliveryStore#requeue} followed by a nudge to the dispatcher.
 */
@Singleton
public class WebhookDeliveryLog {

    /** The most events one "redeliver many" takes. */
    public static final int MAX_REDELIVER = 100;

    /** The log's filters as they live in the page's URL: {@code endpoint} (the url delivered to), {@code status}, {@code event_type}. */
    public record Filter(String endpoint, String status, String eventType) {

        public static final Filter NONE = new Filter(null, null, null);

        /** Reads the filters; a 400 {@link ApiException} names a bad one. */
        public static Filter fromQuery(Map<String, String> query) {
            String endpoint = blankToNull(query.get("endpoint"));
            if (endpoint != null && endpoint.length() > 2048) {
                throw ApiException.badRequest("endpoint is too long.", "endpoint");
            }
            String status = blankToNull(query.get("status"));
            if (status != null && !status.equals("succeeded") && !status.equals("failed")) {
                throw ApiException.badRequest("status must be succeeded or failed.", "status");
            }
            String eventType = blankToNull(query.get("event_type"));
            if (eventType != null && !WebhookEventTypes.ALL.contains(eventType)) {
                throw ApiException.badRequest("Unknown event type.", "event_type");
            }
            return new Filter(endpoint, status, eventType);
        }

        /** The filters as query parameters, absent ones left out. */
        public Map<String, String> toQuery() {
            Map<String, String> q = new LinkedHashMap<>();
            if (endpoint != null) {
                q.put("endpoint", endpoint);
            }
            if (status != null) {
                q.put("status", status);
            }
            if (eventType != null) {
                q.put("event_type", eventType);
            }
            return q;
        }

        private static String blankToNull(String v) {
            return v == null || v.isBlank() ? null : v.strip();
        }
    }

    /** What became of a retry of one event. */
    public enum Requeue { QUEUED, ALREADY_QUEUED, NOT_FOUND }

    /** A redelivery request's answer for one event. */
    public record Redelivery(String eventId, Requeue result) {
    }

    private final WebhookDeliveryStore store;
    private final WebhookDispatcher dispatcher;

    WebhookDeliveryLog(WebhookDeliveryStore store, WebhookDispatcher dispatcher) {
        this.store = store;
        this.dispatcher = dispatcher;
    }

    /** A page of at most {@code limit} (1 to {@link Pagination#MAX_LIMIT}) deliveries after {@code cursor}. */
    public Uni<ListResponse<WebhookDelivery>> list(String merchantId, Filter filter, String cursor, int limit) {
        if (limit < 1 || limit > Pagination.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + Pagination.MAX_LIMIT);
        }
        String after = Pagination.cursor(cursor, "whd_");
        return store.list(merchantId, filter.endpoint(), filter.status(), filter.eventType(), null, after, limit + 1)
                .map(rows -> ListResponse.of(rows, limit, d -> d, WebhookDelivery::id));
    }

    /** The endpoints (urls) the merchant's recent deliveries went to, most recent first: the choices of the endpoint filter. */
    public Uni<List<String>> endpoints(String merchantId) {
        return store.urls(merchantId, 20);
    }

    /** One delivery attempt of this merchant, or {@code null}. */
    public Uni<WebhookDelivery> find(String merchantId, String deliveryId) {
        if (!isId(deliveryId, "whd_")) {
            return Uni.createFrom().nullItem();
        }
        return store.find(merchantId, deliveryId);
    }

    /**
     * What one delivery attempt of this merchant sent and got back (request headers with the
     * signature headers, request body, response headers), or {@code null}; never the secret.
     */
    public Uni<dev.payrail.webhook.Exchange> exchange(String merchantId, String deliveryId) {
        if (!isId(deliveryId, "whd_")) {
            return Uni.createFrom().nullItem();
        }
        return store.exchange(merchantId, deliveryId);
    }

    /** Retry one: the delivery's event is queued for one more attempt now. */
    public Uni<Redelivery> retry(String merchantId, String deliveryId) {
        return find(merchantId, deliveryId).chain(d -> d == null
                ? Uni.createFrom().item(new Redelivery(null, Requeue.NOT_FOUND))
                : requeue(merchantId, d.eventId()));
    }

    /** Redeliver many: each event (at most {@link #MAX_REDELIVER}) queued again, one answer per event in order. */
    public Uni<List<Redelivery>> redeliver(String merchantId, List<String> eventIds) {
        if (eventIds.isEmpty() || eventIds.size() > MAX_REDELIVER) {
            throw ApiException.badRequest("Choose 1 to " + MAX_REDELIVER + " events to redeliver.", "event_ids");
        }
        return Multi.createFrom().iterable(List.copyOf(eventIds))
                .onItem().transformToUniAndConcatenate(id -> requeue(merchantId, id))
                .collect().asList();
    }

    private Uni<Redelivery> requeue(String merchantId, String eventId) {
        if (!isId(eventId, "evt_")) {
            return Uni.createFrom().item(new Redelivery(eventId, Requeue.NOT_FOUND));
        }
        return store.requeue(merchantId, eventId).map(queued -> {
            if (queued == null) {
                return new Redelivery(eventId, Requeue.NOT_FOUND);
            }
            if (queued) {
                dispatcher.queued();
            }
            return new Redelivery(eventId, queued ? Requeue.QUEUED : Requeue.ALREADY_QUEUED);
        });
    }

    private static boolean isId(String value, String prefix) {
        return value != null && value.startsWith(prefix) && value.length() <= 64
                && dev.payrail.common.Ids.isBase62(value.substring(prefix.length()));
    }
}
