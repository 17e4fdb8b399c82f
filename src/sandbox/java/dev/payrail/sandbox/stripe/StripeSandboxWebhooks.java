package dev.payrail.sandbox.stripe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.Ids;
import dev.payrail.connector.stripe.StripeSignature;
import dev.payrail.sandbox.Recent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Events of the Stripe emulator, signed exactly like Stripe's ({@code Stripe-Signature}) and posted,
 * fire and forget, to the webhook endpoints of the account they belong to: those the account created
 * with {@code POST /v1/webhook_endpoints} (each with its own signing secret, at most 16 per account as
 * at Stripe, each receiving the event types it enabled or {@code *}), and for the platform's own
 * account the configured URL. Tests use {@link #signed} to make real events.
 */
@Singleton
public class StripeSandboxWebhooks {

    private static final Logger LOG = Logger.getLogger(StripeSandboxWebhooks.class);

    private final StripeSandboxConfig config;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private volatile HttpClient client;
    private final Recent<String, List<Endpoint>> endpoints = new Recent<>(10_000);

    /** A webhook endpoint an account created. */
    record Endpoint(String id, String url, List<String> enabledEvents, String secret, long created, String description) {

        boolean wants(String type) {
            return enabledEvents.contains("*") || enabledEvents.contains(type);
        }

        /** As Stripe shows it; the secret only in the answer to its creation. */
        Map<String, Object> json(boolean withSecret) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("object", "webhook_endpoint");
            json.put("api_version", null);
            json.put("application", null);
            json.put("created", created);
            json.put("description", description);
            json.put("enabled_events", enabledEvents);
            json.put("livemode", false);
            json.put("metadata", Map.of());
            if (withSecret) {
                json.put("secret", secret);
            }
            json.put("status", "enabled");
            json.put("url", url);
            return json;
        }
    }

    static final int MAX_ENDPOINTS = 16;

    StripeSandboxWebhooks(StripeSandboxConfig config, ObjectMapper mapper, Vertx vertx) {
        this.config = config;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    /** An event as raw bytes and its {@code Stripe-Signature} header. */
    public record Signed(byte[] payload, String signature, String eventId) {
    }

    public Signed signed(String type, Map<String, Object> object, String secret, long timestamp) {
        String id = "evt_" + Ids.random(24);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", "2026-07-29.dahlia");
        event.put("created", timestamp);
        event.put("data", Map.of("object", object));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("request", Map.of("id", "req_" + Ids.random(14)));
        event.put("type", type);
        try {
            byte[] payload = mapper.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
            return new Signed(payload, StripeSignature.header(payload, secret, timestamp), id);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /v1/webhook_endpoints}: {@code url} and {@code enabled_events[]} are required. */
    StripeSandbox.Reply create(String account, Map<String, String> form) {
        String url = form.get("url");
        if (url == null || !url.matches("https?://[^\\s]+")) {
            return StripeErrors.invalid("url", url == null ? "parameter_missing" : "url_invalid",
                    url == null ? "Missing required param: url." : "Invalid URL: " + url);
        }
        List<String> events = new ArrayList<>();
        form.forEach((k, v) -> {
            if (k.startsWith("enabled_events[")) {
                events.add(v);
            }
        });
        if (events.isEmpty()) {
            return StripeErrors.invalid("enabled_events", "parameter_missing", "Missing required param: enabled_events.");
        }
        List<Endpoint> mine = endpoints.computeIfAbsent(account, k -> new CopyOnWriteArrayList<>());
        synchronized (mine) {
            if (mine.size() >= MAX_ENDPOINTS) {
                return StripeErrors.invalid("url", null, "You have reached the maximum of " + MAX_ENDPOINTS
                        + " test webhook endpoints.");
            }
            Endpoint e = new Endpoint("we_" + Ids.random(24), url, List.copyOf(events), "whsec_" + Ids.random(32),
                    Instant.now().getEpochSecond(), form.get("description"));
            mine.add(e);
            return new StripeSandbox.Reply(200, e.json(true), false);
        }
    }

    /** {@code GET /v1/webhook_endpoints}: the caller's endpoints, without their secrets. */
    StripeSandbox.Reply list(String account) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Endpoint e : endpointsOf(account)) {
            data.add(e.json(false));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        body.put("has_more", false);
        body.put("url", "/v1/webhook_endpoints");
        return new StripeSandbox.Reply(200, body, false);
    }

    /** {@code DELETE /v1/webhook_endpoints/{id}}; another account's endpoint does not exist for the caller. */
    StripeSandbox.Reply delete(String account, String id) {
        List<Endpoint> mine = endpointsOf(account);
        for (Endpoint e : mine) {
            if (e.id().equals(id) && mine.remove(e)) {
                return new StripeSandbox.Reply(200, Map.of("id", id, "object", "webhook_endpoint", "deleted", true), false);
            }
        }
        return StripeErrors.missing("id", "No such webhook endpoint: '" + id + "'");
    }

    private List<Endpoint> endpointsOf(String account) {
        List<Endpoint> mine = endpoints.get(account);
        return mine == null ? List.of() : mine;
    }

    void send(String account, String type, Map<String, Object> object) {
        long now = Instant.now().getEpochSecond();
        if (config.platformKey().equals(account) && config.webhookUrl().isPresent()
                && !config.webhookUrl().get().isBlank()) {
            post(config.webhookUrl().get(), type, signed(type, object, config.webhookSecret(), now));
        }
        for (Endpoint e : endpointsOf(account)) {
            if (e.wants(type)) {
                post(e.url(), type, signed(type, object, e.secret(), now));
            }
        }
    }

    /** Runs {@code action} after {@code delay}, as a provider that sends an event some time after its answer. */
    void later(Duration delay, Runnable action) {
        vertx.setTimer(Math.max(1, delay.toMillis()), timer -> action.run());
    }

    private void post(String url, String type, Signed event) {
        HttpClient c = client;
        if (c == null) {
            c = vertx.createHttpClient();
            client = c;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Stripe-Signature", event.signature())
                .putHeader("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        c.request(options)
                .chain(req -> req.send(Buffer.buffer(event.payload())))
                .subscribe().with(
                        resp -> LOG.debugf("sandbox event %s %s → %d", event.eventId(), type, resp.statusCode()),
                        err -> LOG.debugf("sandbox event %s %s not delivered: %s", event.eventId(), type, err.toString()));
    }
}
