package dev.payrail.sandbox.paypal;

import java.time.Instant;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.common.PublicBaseUrl;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Webhooks of the PayPal emulator: an event envelope around a resource, signed as PayPal signs
 * ({@link PayPalSandbox#sign}) and posted, fire and forget, to {@code payrail.sandbox.paypal.webhook-url}
 * (a path: on this server's own port; none: nothing is sent). The emulator sends them for disputes ({@code CUSTOMER.DISPUTE.*}).
 */
@Singleton
public class PayPalSandboxWebhooks {

    private static final Logger LOG = Logger.getLogger(PayPalSandboxWebhooks.class);

    private final PayPalSandbox sandbox;
    private final PayPalSandboxConfig config;
    private final Vertx vertx;
    private volatile HttpClient client;

    PayPalSandboxWebhooks(PayPalSandbox sandbox, PayPalSandboxConfig config, Vertx vertx) {
        this.sandbox = sandbox;
        this.config = config;
        this.vertx = vertx;
    }

    void send(String eventType, ObjectNode dispute) {
        String configured = config.webhookUrl().filter(u -> !u.isBlank()).orElse(null);
        if (configured == null) {
            return;
        }
        String url = configured.startsWith("/") ? PublicBaseUrl.local() + configured : configured;
        ObjectNode event = sandbox.event(eventType, "dispute", dispute);
        PayPalSandbox.SignedWebhook signed = sandbox.sign(event, Instant.now(), PublicBaseUrl.local() + "/sandbox/paypal");
        HttpClient c = client;
        if (c == null) {
            c = vertx.createHttpClient();
            client = c;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .putHeader("User-Agent", "PayPal/AUHD-214.0-58268214");
        signed.headers().forEach(options::putHeader);
        String id = event.path("id").asText();
        c.request(options).chain(req -> req.send(Buffer.buffer(signed.body()))).subscribe().with(
                resp -> LOG.debugf("sandbox PayPal event %s %s → %d", id, eventType, resp.statusCode()),
                err -> LOG.debugf("sandbox PayPal event %s %s not delivered: %s", id, eventType, err.toString()));
    }
}
