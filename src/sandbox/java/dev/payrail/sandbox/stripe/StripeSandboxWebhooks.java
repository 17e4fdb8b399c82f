package dev.payrail.sandbox.stripe;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.Ids;
import dev.payrail.connector.stripe.StripeSignature;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Events of the Stripe emulator, signed exactly like Stripe's ({@code Stripe-Signature}) and
 * posted to the configured URL, fire and forget. Tests use {@link #signed} to make real events.
 */
@ApplicationScoped
public class StripeSandboxWebhooks {

    private static final Logger LOG = Logger.getLogger(StripeSandboxWebhooks.class);

    private final StripeSandboxConfig config;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private volatile HttpClient client;

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

    void send(String type, Map<String, Object> object) {
        if (config.webhookUrl().isEmpty() || config.webhookUrl().get().isBlank()) {
            return;
        }
        Signed event = signed(type, object, config.webhookSecret(), Instant.now().getEpochSecond());
        HttpClient c = client;
        if (c == null) {
            c = vertx.createHttpClient();
            client = c;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.webhookUrl().get())
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
