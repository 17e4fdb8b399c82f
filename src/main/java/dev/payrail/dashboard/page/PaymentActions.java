package dev.payrail.dashboard.page;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.common.Detached;
import dev.payrail.common.Ids;
import dev.payrail.idempotency.Idempotency;
import dev.payrail.idempotency.StoredResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The payment detail page's actions (capture, cancel, refund) run under the idempotency key the page
 * put in its form when it rendered: the same protocol as the API's {@code Idempotency-Key}
 * ({@link Idempotency#execute}, scope the merchant, fingerprint a keyed HMAC of the action and its
 * fields), so a form submitted twice runs once and the second submit gets the first one's outcome.
 */
@Singleton
public class PaymentActions {

    /** Form field carrying the key. */
    public static final String FIELD = "idempotency_key";

    private static final String PREFIX = "dash_";
    private static final int KEY_LENGTH = 24;

    /** What an action came to: the object it made or changed, or the refusal; {@code replayed} when the key had run. */
    public record Outcome(String objectId, String status, ApiException error, boolean replayed) {
    }

    private final Idempotency idempotency;

    PaymentActions(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    /** A fresh key for one form. */
    public static String newKey() {
        return PREFIX + Ids.random(KEY_LENGTH);
    }

    /** The submitted key, or a 400 when it is missing or not one the dashboard made. */
    public static String requireKey(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() != PREFIX.length() + KEY_LENGTH
                || !Ids.isBase62(key.substring(PREFIX.length()))) {
            throw ApiException.badRequest("The form has expired: reload the page and try again.", FIELD);
        }
        return key;
    }

    /** The fingerprint of {@code action} on {@code paymentId} with its canonical {@code fields}. */
    public String fingerprint(String action, String paymentId, String fields) {
        return idempotency.fingerprint("POST", "/dashboard/payments/" + paymentId + "/" + action, fields);
    }

    /**
     * Runs {@code work} once per key: its result (object id and status) or its refusal is remembered,
     * and a later submit with that key gets it back as {@code replayed}.
     */
    public Uni<Outcome> run(String merchantId, String key, String fingerprint, Supplier<Uni<Outcome>> work) {
        return Detached.run(() -> idempotency.execute(merchantId, key, fingerprint,
                () -> Uni.createFrom().<Outcome>deferred(work::get).map(PaymentActions::stored)
                        .onFailure(ApiException.class).recoverWithItem(e -> stored((ApiException) e))))
                .map(execution -> {
                    if (execution.conflict() != null) {
                        return new Outcome(null, null, execution.conflict(), false);
                    }
                    return readBack(execution.response(), execution.replayed());
                });
    }

    private static StoredResponse stored(Outcome o) {
        JsonObject body = new JsonObject().put("object_id", o.objectId()).put("status", o.status());
        return new StoredResponse(200, "application/json", Map.of(), body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static StoredResponse stored(ApiException e) {
        JsonObject body = new JsonObject().put("code", e.code()).put("detail", e.getMessage()).put("param", e.param());
        return new StoredResponse(e.status(), "application/json", Map.of(), body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static Outcome readBack(StoredResponse response, boolean replayed) {
        JsonObject body = new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
        if (response.status() == 200) {
            return new Outcome(body.getString("object_id"), body.getString("status"), null, replayed);
        }
        return new Outcome(null, null, new ApiException(response.status(), body.getString("code"), body.getString("detail"),
                body.getString("param")), replayed);
    }
}
