package dev.payrail.sandbox.airwallex;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.Ids;
import dev.payrail.connector.airwallex.AirwallexSignature;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Events of the Airwallex emulator, shaped and signed like Airwallex's ({@code x-timestamp} in
 * milliseconds, {@code x-signature} = hex HMAC-SHA256 of timestamp + raw body) and posted to the
 * configured URL, fire and forget. Tests use {@link #signed} to make real events.
 */
@Singleton
public class AirwallexSandboxWebhooks {

    private static final Logger LOG = Logger.getLogger(AirwallexSandboxWebhooks.class);
    /** Plain Jackson, so that amounts stay the decimals they are. */
    private static final ObjectMapper WIRE = new ObjectMapper();

    private final AirwallexSandboxConfig config;
    private final Vertx vertx;
    private volatile HttpClient client;

    AirwallexSandboxWebhooks(AirwallexSandboxConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    /** An event as raw bytes with its {@code x-timestamp} and {@code x-signature} headers. */
    public record Signed(byte[] payload, String timestamp, String signature, String eventId) {
    }

    public Signed signed(String name, Map<String, Object> object, String secret, long timestampMillis) {
        String id = "evt_" + Ids.random(24);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("name", name);
        event.put("account_id", "acct_" + Ids.random(22));
        event.put("data", Map.of("object", object));
        event.put("created_at", AirwallexSandbox.timestamp(Instant.ofEpochMilli(timestampMillis)));
        event.put("version", "2024-06-30");
        try {
            byte[] payload = WIRE.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
            String ts = Long.toString(timestampMillis);
            return new Signed(payload, ts, AirwallexSignature.sign(ts, payload, secret), id);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void send(String name, Map<String, Object> object) {
        if (config.webhookUrl().isEmpty() || config.webhookUrl().get().isBlank()) {
            return;
        }
        Signed event = signed(name, object, config.webhookSecret(), Instant.now().toEpochMilli());
        HttpClient c = client;
        if (c == null) {
            c = vertx.createHttpClient();
            client = c;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.webhookUrl().get())
                .putHeader("Content-Type", "application/json")
                .putHeader("x-timestamp", event.timestamp())
                .putHeader("x-signature", event.signature());
        c.request(options)
                .chain(req -> req.send(Buffer.buffer(event.payload())))
                .subscribe().with(
                        resp -> LOG.debugf("sandbox event %s %s → %d", event.eventId(), name, resp.statusCode()),
                        err -> LOG.debugf("sandbox event %s %s not delivered: %s", event.eventId(), name, err.toString()));
    }
}
