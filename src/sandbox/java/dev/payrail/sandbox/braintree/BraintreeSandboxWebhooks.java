package dev.payrail.sandbox.braintree;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.connector.braintree.BraintreeSignature;
import dev.payrail.connector.braintree.BraintreeXml;
import dev.payrail.connector.braintree.BraintreeXml.Element;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Notifications of the Braintree emulator, shaped and signed like Braintree's: a form-encoded body
 * of {@code bt_payload} (base64 of {@code <notification>}, in lines of 76 characters ending with a
 * line break) and {@code bt_signature} ({@code public_key|hex HMAC-SHA1} keyed with SHA-1 of the
 * private key), posted to the configured URL, fire and forget. Tests use {@link #signed} to make real ones.
 */
@Singleton
public class BraintreeSandboxWebhooks {

    private static final Logger LOG = Logger.getLogger(BraintreeSandboxWebhooks.class);

    private final BraintreeSandboxConfig config;
    private final Vertx vertx;
    private volatile HttpClient client;

    BraintreeSandboxWebhooks(BraintreeSandboxConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    /** A notification: its kind, {@code bt_payload}, {@code bt_signature}, and the form body carrying both. */
    public record Signed(String kind, String payload, String signature, byte[] form) {
    }

    /** A notification of {@code kind} about {@code subject}, sent at {@code at}, signed with these keys. */
    public Signed signed(String kind, Element subject, Instant at, String publicKey, String privateKey) {
        String xml = BraintreeXml.element("notification")
                .typed("timestamp", "datetime", SandboxTransaction.DATETIME.format(at)).add("kind", kind).add(subject)
                .document();
        String payload = Base64.getMimeEncoder(76, new byte[] { '\n' }).encodeToString(xml.getBytes(StandardCharsets.UTF_8)) + "\n";
        String signature = BraintreeSignature.sign(publicKey, privateKey, payload);
        return new Signed(kind, payload, signature, form(signature, payload));
    }

    /** Now, with the emulator's keys. */
    public Signed signed(String kind, Element subject) {
        return signed(kind, subject, Instant.now(), config.publicKey(), config.privateKey());
    }

    /** The form body Braintree posts. */
    public static byte[] form(String signature, String payload) {
        return ("bt_signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8) + "&bt_payload="
                + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
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
                .putHeader("Content-Type", "application/x-www-form-urlencoded").putHeader("User-Agent", "Braintree");
        c.request(options).chain(req -> req.send(Buffer.buffer(event.form()))).subscribe().with(
                resp -> LOG.debugf("sandbox notification %s → %d", event.kind(), resp.statusCode()),
                err -> LOG.debugf("sandbox notification %s not delivered: %s", event.kind(), err.toString()));
    }
}
