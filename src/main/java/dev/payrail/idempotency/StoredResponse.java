package dev.payrail.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import io.vertx.core.json.JsonObject;

/** A response exactly as first sent: status, content type, extra headers and the body bytes. */
public record StoredResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    /**
     * Validation failures, authentication failures and rate limiting are not remembered, nor a
     * {@code 503} that says when to retry: it describes a passing failure (PostgreSQL or Redis
     * unreachable, a provider that did not take a resent attempt), and the retry must run again.
     */
    public boolean storable() {
        boolean retryLater = status == 503 && headers.keySet().stream().anyMatch("Retry-After"::equalsIgnoreCase);
        return status != 400 && status != 401 && status != 429 && !retryLater;
    }

    public Response toResponse(boolean replayed) {
        Response.ResponseBuilder b = Response.status(status).entity(body);
        if (contentType != null) {
            b.type(contentType);
        }
        headers.forEach(b::header);
        if (replayed && !headers.containsKey("Idempotent-Replayed")) {
            b.header("Idempotent-Replayed", "true");
        }
        return b.build();
    }

    JsonObject toJson() {
        return new JsonObject().put("st", status).put("ct", contentType).put("h", new JsonObject(new LinkedHashMap<>(headers)))
                .put("b", new String(body, StandardCharsets.UTF_8));
    }

    static StoredResponse fromJson(JsonObject json) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonObject h = json.getJsonObject("h");
        if (h != null) {
            h.forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new StoredResponse(json.getInteger("st"), json.getString("ct"), headers,
                json.getString("b", "").getBytes(StandardCharsets.UTF_8));
    }
}
