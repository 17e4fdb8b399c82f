package dev.payrail.sandbox.wechatpay;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.Ids;
import dev.payrail.connector.wechatpay.WechatPayCipher;
import dev.payrail.connector.wechatpay.WechatPayKeys;
import dev.payrail.connector.wechatpay.WechatPaySignature;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * WeChat Pay's notifications as the emulator sends them: {@code {id, create_time, resource_type,
 * event_type, summary, resource}} with the resource encrypted ({@code AEAD_AES_256_GCM}, the
 * merchant's API v3 key), signed with the platform key ({@code Wechatpay-Signature} over
 * {@code timestamp\nnonce\nbody\n}), posted to the order's {@code notify_url}; a delivery that is not
 * answered 2xx is tried again (after 1 s and 3 s here; WeChat Pay keeps trying for hours).
 */
@Singleton
public class WechatPaySandboxNotifier {

    private static final Logger LOG = Logger.getLogger(WechatPaySandboxNotifier.class);
    private static final ObjectMapper WIRE = new ObjectMapper();
    private static final long[] RETRY_MS = { 1000, 3000 };

    private final WechatPaySandboxConfig config;
    private final Vertx vertx;
    private final PrivateKey platformKey;
    private volatile HttpClient client;

    WechatPaySandboxNotifier(WechatPaySandboxConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.platformKey = config.platformPrivateKey().map(WechatPayKeys::privateKey).orElse(null);
    }

    /** A signed notification: where it goes, its raw body and its {@code Wechatpay-*} headers. */
    public record Notification(String url, byte[] body, Map<String, String> headers) {
    }

    Notification transactionSuccess(WechatPaySandbox.Merchant merchant, String url, Map<String, Object> transaction) {
        return build(merchant, url, "TRANSACTION.SUCCESS", "支付成功", "transaction", transaction);
    }

    Notification refund(WechatPaySandbox.Merchant merchant, String url, String eventType, Map<String, Object> refund) {
        return build(merchant, url, eventType, "退款成功", "refund", refund);
    }

    /**
     * A notification of {@code eventType} about {@code plaintext}, encrypted with {@code apiV3Key} and
     * signed with {@code key} as {@code serial} at {@code timestamp} (tests make tampered, stale or
     * foreign ones with it).
     */
    public static Notification build(String url, String eventType, String summary, String originalType,
            Map<String, Object> plaintext, byte[] apiV3Key, PrivateKey key, String serial, long timestamp) {
        try {
            String nonce = Ids.random(12);
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("original_type", originalType);
            resource.put("algorithm", WechatPayCipher.ALGORITHM);
            resource.put("ciphertext", WechatPayCipher.encrypt(apiV3Key, originalType, nonce, WIRE.writeValueAsString(plaintext)));
            resource.put("associated_data", originalType);
            resource.put("nonce", nonce);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", UUID.randomUUID().toString());
            body.put("create_time", WechatPaySandbox.RFC3339.format(Instant.ofEpochSecond(timestamp).atOffset(WechatPaySandbox.CHINA)));
            body.put("resource_type", "encrypt-resource");
            body.put("event_type", eventType);
            body.put("summary", summary);
            body.put("resource", resource);
            String raw = WIRE.writeValueAsString(body);
            return new Notification(url, raw.getBytes(StandardCharsets.UTF_8), signedHeaders(key, serial, timestamp, raw));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Wechatpay-Timestamp, -Nonce, -Signature, -Serial, -Signature-Type} over {@code body}. */
    public static Map<String, String> signedHeaders(PrivateKey key, String serial, long timestamp, String body) {
        String nonce = WechatPaySignature.nonce();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Wechatpay-Timestamp", Long.toString(timestamp));
        h.put("Wechatpay-Nonce", nonce);
        h.put("Wechatpay-Signature", WechatPaySignature.sign(key,
                WechatPaySignature.responseMessage(Long.toString(timestamp), nonce, body)));
        h.put("Wechatpay-Serial", serial);
        h.put("Wechatpay-Signature-Type", WechatPaySignature.SCHEMA);
        return h;
    }

    private Notification build(WechatPaySandbox.Merchant merchant, String url, String eventType, String summary,
            String originalType, Map<String, Object> plaintext) {
        if (merchant == null || platformKey == null) {
            return null;
        }
        return build(url, eventType, summary, originalType, plaintext, merchant.apiV3Key(), platformKey,
                config.platformSerialNo(), Instant.now().getEpochSecond());
    }

    /** Posts it, fire and forget, again after a failed try. */
    void post(Notification n) {
        if (n != null) {
            post(n, 0);
        }
    }

    private void post(Notification n, int attempt) {
        HttpClient c = client;
        if (c == null) {
            c = vertx.createHttpClient();
            client = c;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(n.url())
                .putHeader("Content-Type", "application/json").putHeader("User-Agent", "Mozilla/4.0");
        n.headers().forEach(options::putHeader);
        c.request(options).chain(req -> req.send(Buffer.buffer(n.body()))).subscribe().with(resp -> {
            LOG.debugf("wechatpay sandbox notification to %s → %d", n.url(), resp.statusCode());
            if (resp.statusCode() / 100 != 2) {
                retry(n, attempt);
            }
        }, err -> {
            LOG.debugf("wechatpay sandbox notification to %s not delivered: %s", n.url(), err.toString());
            retry(n, attempt);
        });
    }

    private void retry(Notification n, int attempt) {
        if (attempt < RETRY_MS.length) {
            vertx.setTimer(RETRY_MS[attempt], id -> post(n, attempt + 1));
        }
    }
}
