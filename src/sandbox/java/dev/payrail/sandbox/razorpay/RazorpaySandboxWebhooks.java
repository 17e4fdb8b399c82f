package dev.payrail.sandbox.razorpay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.Ids;
import dev.payrail.connector.razorpay.RazorpaySignature;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Events of the Razorpay emulator, shaped and signed like Razorpay's ({@code X-Razorpay-Signature}:
 * hex HMAC-SHA256 of the raw body with the webhook secret; {@code x-razorpay-event-id}), posted to
 * the configured URL, fire and forget. Tests use {@link #signed} to make real events.
 */
@Singleton
public class RazorpaySandboxWebhooks {

    private static final Logger LOG = Logger.getLogger(RazorpaySandboxWebhooks.class);
    /** Plain Jackson: field names as Razorpay writes them. */
    private static final ObjectMapper WIRE = new ObjectMapper();

    private final RazorpaySandboxConfig config;
    private final Vertx vertx;
    private volatile HttpClient client;

    RazorpaySandboxWebhooks(RazorpaySandboxConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    /** An event as raw bytes, its signature and its event id. */
    public record Signed(String event, byte[] payload, String signature, String eventId) {
    }

    /** An event about {@code entities} ({@code payment}, {@code order}, {@code refund}), signed with {@code secret}. */
    public Signed signed(String event, Map<String, Map<String, Object>> entities, String secret) {
        Map<String, Object> payload = new LinkedHashMap<>();
        entities.forEach((name, entity) -> payload.put(name, Map.of("entity", entity)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", "event");
        body.put("account_id", "acc_" + Ids.random(14));
        body.put("event", event);
        body.put("contains", List.copyOf(entities.keySet()));
        body.put("payload", payload);
        body.put("created_at", Instant.now().getEpochSecond());
        try {
            byte[] raw = WIRE.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            return new Signed(event, raw, RazorpaySignature.webhook(raw, secret), "evt_" + Ids.random(14));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the emulator's configured webhook secret. */
    Signed signed(String event, Map<String, Map<String, Object>> entities) {
        return signed(event, entities, config.webhookSecret());
    }

    void send(Signed event) {
        if (config.webhookUrl().isEmpty() || config.webhookUrl().get().isBlank()) {
            return;
        }
        HttpClient c = client;
        if (c == null) {
            c = vertx.createHttpClient();
            client = c;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.webhookUrl().get())
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Razorpay-Signature", event.signature())
                .putHeader("x-razorpay-event-id", event.eventId())
                .putHeader("User-Agent", "Razorpay-Webhook/v1");
        c.request(options).chain(req -> req.send(Buffer.buffer(event.payload()))).subscribe().with(
                resp -> LOG.debugf("sandbox event %s %s → %d", event.eventId(), event.event(), resp.statusCode()),
                err -> LOG.debugf("sandbox event %s %s not delivered: %s", event.eventId(), event.event(), err.toString()));
    }
}
