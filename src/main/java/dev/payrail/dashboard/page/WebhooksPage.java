package dev.payrail.dashboard.page;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.WithFormRead;

import dev.payrail.common.ApiException;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.query.WebhookDeliveryLog;
import dev.payrail.webhook.WebhookConfig;
import dev.payrail.webhook.WebhookEndpointService;
import dev.payrail.webhook.WebhookEndpointView;
import dev.payrail.webhook.WebhookEventTypes;
import dev.payrail.webhook.WebhookTestEvents;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The webhooks page: the endpoint (url checked like the API's, enabled events), secret rotation
 * (the new secret shown once), and the delivery log with each attempt's request, response and
 * signature headers, retry one and redeliver many, and "Send a test event" ({@code webhook.test}).
 * Everything through the services the API uses ({@link WebhookEndpointService}, {@link WebhookDeliveryLog},
 * {@link WebhookTestEvents}); reading needs {@code READ}, every change {@code MANAGE_WEBHOOKS}; all scoped
 * to the signed-in user's merchant.
 */
@Path("/dashboard/webhooks")
@Produces(MediaType.TEXT_HTML)
public class WebhooksPage {

    private static final int PAGE_SIZE = 25;
    /** The log's filter offers every type; the endpoint form all but webhook.test, which every endpoint takes. */
    private static final List<String> EVENT_TYPES = WebhookEventTypes.ALL.stream().sorted().toList();
    private static final List<String> SUBSCRIBABLE = EVENT_TYPES.stream()
            .filter(t -> !t.equals(dev.payrail.event.EventTypes.WEBHOOK_TEST)).toList();

    /** An event type of the endpoint form, and whether the endpoint takes it. */
    public record EventChoice(String type, boolean checked) {
    }

    /** A secret just rotated: shown once. */
    public record Rotated(String secret, String previousSecretExpiresAt) {
    }

    private final Template webhooks;
    private final Template delivery;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final WebhookEndpointService endpoints;
    private final WebhookDeliveryLog log;
    private final WebhookTestEvents tests;
    private final String retrySchedule;

    WebhooksPage(@Location("dashboard/webhooks.html") Template webhooks,
            @Location("dashboard/webhook-delivery.html") Template delivery, DashboardPages pages, CurrentUser me,
            WebhookEndpointService endpoints, WebhookDeliveryLog log, WebhookTestEvents tests, WebhookConfig config) {
        this.webhooks = webhooks;
        this.delivery = delivery;
        this.pages = pages;
        this.me = me;
        this.endpoints = endpoints;
        this.log = log;
        this.tests = tests;
        this.retrySchedule = config.retrySchedule().stream().map(WebhooksPage::human)
                .collect(Collectors.joining(", "));
    }

    /** {@code 5s}, {@code 30m}, {@code 2h}: a duration as the retry schedule is configured. */
    static String human(java.time.Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + " h" : s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }

    @GET
    @Requires(Permission.READ)
    public Uni<Response> page(@Context UriInfo uri, @QueryParam("after") String after, @QueryParam("done") String done) {
        return render(200, uri, after, null, null, done);
    }

    @GET
    @Path("/deliveries/{id}")
    @Requires(Permission.READ)
    public Uni<Response> detail(@PathParam("id") String id) {
        String merchantId = me.merchantId();
        return log.find(merchantId, id).chain(d -> d == null ? notFound()
                : log.exchange(merchantId, id).chain(x -> DashboardPages.html(pages.page(delivery, "Webhook delivery " + id)
                        .data("d", d).data("x", x).data("manage", me.can(Permission.MANAGE_WEBHOOKS)))));
    }

    @POST
    @Path("/endpoint")
    @Requires(Permission.MANAGE_WEBHOOKS)
    public Uni<Response> endpoint(@Context UriInfo uri, @RestForm String url, @RestForm("events") List<String> events,
            @RestForm String enabled) {
        String target = url == null ? null : url.strip();
        List<String> chosen = events == null || events.isEmpty() ? null : events;
        boolean on = "true".equals(enabled);
        return endpoints.update(me.merchantId(), target, chosen, on)
                .chain(v -> me.audit("dashboard.webhook_endpoint_changed", me.merchantId(),
                        (target == null || target.isEmpty() ? "no url" : target) + ", events "
                                + (chosen == null ? "*" : String.join(",", chosen)) + ", " + (on ? "enabled" : "disabled")))
                .replaceWith(back("endpoint_saved"))
                .onFailure(ApiException.class).recoverWithUni(e -> render(400, uri, null, e.getMessage(), null, null));
    }

    @POST
    @Path("/rotate-secret")
    @WithFormRead
    @Requires(Permission.MANAGE_WEBHOOKS)
    public Uni<Response> rotate(@Context UriInfo uri) {
        return endpoints.rotate(me.merchantId())
                .call(r -> me.audit("dashboard.webhook_secret_rotated", me.merchantId(),
                        "previous secret signs until " + r.previousSecretExpiresAt()))
                .chain(r -> render(200, uri, null, null,
                        new Rotated(r.secret(), r.previousSecretExpiresAt().toString()), null));
    }

    /** A {@code webhook.test} event to the endpoint, whatever event types it takes; its attempts appear in the log. */
    @POST
    @Path("/test")
    @WithFormRead
    @Requires(Permission.MANAGE_WEBHOOKS)
    public Uni<Response> sendTest(@Context UriInfo uri) {
        return tests.send(me.merchantId(), "dashboard")
                .call(sent -> me.audit("dashboard.webhook_test_sent", sent.eventId(), "webhook.test"))
                .map(sent -> Response.seeOther(URI.create("/dashboard/webhooks?done=test_sent&test_event=" + sent.eventId()))
                        .build())
                .onFailure(ApiException.class).recoverWithUni(e -> render(409, uri, null, e.getMessage(), null, null));
    }

    @POST
    @Path("/deliveries/{id}/retry")
    @WithFormRead
    @Requires(Permission.MANAGE_WEBHOOKS)
    public Uni<Response> retry(@PathParam("id") String id) {
        return log.retry(me.merchantId(), id).chain(r -> switch (r.result()) {
            case NOT_FOUND -> notFound();
            case QUEUED -> me.audit("dashboard.webhook_retried", id, "event " + r.eventId()).replaceWith(back("retried"));
            case ALREADY_QUEUED -> Uni.createFrom().item(back("already_queued"));
        });
    }

    @POST
    @Path("/redeliver")
    @Requires(Permission.MANAGE_WEBHOOKS)
    public Uni<Response> redeliver(@Context UriInfo uri, @RestForm("event_ids") List<String> eventIds) {
        List<String> ids = eventIds == null ? List.of() : eventIds.stream().distinct().toList();
        if (ids.isEmpty() || ids.size() > WebhookDeliveryLog.MAX_REDELIVER) {
            return render(400, uri, null, "Choose 1 to " + WebhookDeliveryLog.MAX_REDELIVER + " events to redeliver.",
                    null, null);
        }
        return log.redeliver(me.merchantId(), ids).chain(results -> {
            List<String> queued = results.stream().filter(r -> r.result() == WebhookDeliveryLog.Requeue.QUEUED)
                    .map(WebhookDeliveryLog.Redelivery::eventId).toList();
            if (queued.isEmpty()) {
                return Uni.createFrom().item(back("none_queued"));
            }
            return me.audit("dashboard.webhook_redelivered", null, queued.size() + " events: " + String.join(",", queued))
                    .replaceWith(back("redelivered"));
        });
    }

    private Uni<Response> render(int status, UriInfo uri, String after, String error, Rotated rotated, String done) {
        String merchantId = me.merchantId();
        Map<String, String> query = new HashMap<>();
        if (uri != null && status == 200) {
            uri.getQueryParameters().forEach((k, v) -> query.put(k, v.isEmpty() ? null : v.get(0)));
        }
        WebhookDeliveryLog.Filter filter;
        try {
            filter = WebhookDeliveryLog.Filter.fromQuery(query);
        } catch (ApiException e) {
            filter = WebhookDeliveryLog.Filter.NONE;
            error = e.getMessage();
            status = 400;
        }
        WebhookDeliveryLog.Filter f = filter;
        String message = error;
        int code = status;
        String cursor = status == 200 ? after : null;
        return endpoints.view(merchantId)
                .chain(endpoint -> log.list(merchantId, f, cursor, PAGE_SIZE)
                        .onFailure(ApiException.class).recoverWithItem(e -> null)
                        .chain(list -> log.endpoints(merchantId).chain(urls -> DashboardPages.html(code,
                                pages.page(webhooks, "Webhooks")
                                        .data("endpoint", endpoint)
                                        .data("allEvents", endpoint.enabledEvents().contains("*"))
                                        .data("eventTypes", SUBSCRIBABLE.stream()
                                                .map(t -> new EventChoice(t, enabled(endpoint, t))).toList())
                                        .data("filterTypes", EVENT_TYPES)
                                        .data("retrySchedule", retrySchedule)
                                        .data("testEvent", testEvent(query.get("test_event")))
                                        .data("canTest", endpoint.enabled() && endpoint.url() != null)
                                        .data("deliveries", list == null ? List.of() : list.data())
                                        .data("next", list != null && list.hasMore() ? list.nextCursor() : null)
                                        .data("filter", f)
                                        .data("filterQuery", query(f))
                                        .data("urls", urls)
                                        .data("manage", me.can(Permission.MANAGE_WEBHOOKS))
                                        .data("rotated", rotated)
                                        .data("done", done)
                                        .data("error", message)))));
    }

    /** The filter as a query string prefix ({@code a=b&}) for the "older" link. */
    private static String query(WebhookDeliveryLog.Filter f) {
        return f.toQuery().entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)
                        + "&")
                .collect(Collectors.joining());
    }

    /** The event id a "send a test event" redirect names, when it looks like one. */
    private static String testEvent(String id) {
        return id != null && id.matches("evt_[A-Za-z0-9]{1,60}") ? id : null;
    }

    static boolean enabled(WebhookEndpointView v, String type) {
        return v.enabledEvents().contains("*") || v.enabledEvents().contains(type);
    }

    private Uni<Response> notFound() {
        return DashboardPages.html(404, pages.page(delivery, "Not found").data("d", null).data("x", null)
                .data("manage", false));
    }

    private static Response back(String done) {
        return Response.seeOther(URI.create("/dashboard/webhooks?done=" + done)).build();
    }
}
