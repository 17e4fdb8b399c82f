package dev.payrail.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The merchant's side of Payrail's webhooks, for the load-test kit: an HTTP server (the JDK's)
 * that takes deliveries on {@code POST /webhooks}, verifies each one's Standard Webhooks signature
 * with the merchant's webhook secret, and records for each payment which event types arrived and
 * when. It answers every delivery {@code 204} at once, bad signatures included (they are counted,
 * not refused: a refusal would make Payrail retry for hours, by then to whatever endpoint the
 * merchant has again).
 *
 * <p>The simulation reads it over two more routes:
 * <ul>
 * <li>{@code GET /received/{paymentId}?type=payment.captured} waits (up to the timeout) for that
 * event of that payment and answers {@code 200} when it arrived correctly signed, {@code 401} when
 * it arrived with a bad signature, {@code 504} when it did not arrive;</li>
 * <li>{@code GET /settled} waits until no delivery came for {@code quietMs} (2 s; at most the
 * timeout) and answers the counters as JSON ({@code deliveries}, {@code bad_signatures},
 * {@code duplicates}, ...).</li>
 * </ul>
 */
final class WebhookReceiver {

    /** Standard Webhooks' recommended tolerance for {@code webhook-timestamp}. */
    static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";
    private static final Duration QUIET = Duration.ofSeconds(2);

    /** One delivery of one event. {@code problem} is null when the signature is good. */
    record Arrival(String webhookId, String type, String paymentId, Instant at, Instant createdAt, String problem) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final byte[] key;
    private final Duration timeout;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unattributed = new AtomicLong();
    private final AtomicLong lastDeliveryNanos = new AtomicLong(System.nanoTime());
    private final Map<String, AtomicLong> problems = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byType = new ConcurrentHashMap<>();
    private final Map<String, Boolean> seenIds = new ConcurrentHashMap<>();
    /** Per payment id, every delivery for it in arrival order. */
    private final Map<String, List<Arrival>> byPayment = new ConcurrentHashMap<>();
    /** Per "paymentId type", the first delivery, for the waiting requests. */
    private final Map<String, CompletableFuture<Arrival>> firsts = new ConcurrentHashMap<>();
    private final List<Long> lagsMs = new ArrayList<>();
    private final AtomicReference<String> firstProblem = new AtomicReference<>();

    WebhookReceiver(String host, int port, String secret, Duration timeout) throws IOException {
        this.key = keyOf(secret);
        this.timeout = timeout;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 256);
        server.setExecutor(executor);
        server.createContext("/webhooks", this::delivery);
        server.createContext("/received/", this::received);
        server.createContext("/settled", this::settled);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    long deliveries() {
        return deliveries.get();
    }

    long badSignatures() {
        return badSignatures.get();
    }

    /** The key of a {@code whsec_} secret: the base64 after the prefix. */
    static byte[] keyOf(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payrail.webhookSecret is not a whsec_<base64> secret", e);
        }
    }

    /**
     * Checks a delivery per Standard Webhooks: one of the space-separated {@code v1,<base64>}
     * signatures must be HMAC-SHA256(key, id + "." + timestamp + "." + body), and the timestamp
     * within the tolerance of {@code now}. Returns {@code null} when it holds, else what is wrong.
     */
    static String verify(byte[] key, String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TIMESTAMP_TOLERANCE.toSeconds()) {
            return "webhook-timestamp too far from now";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String signature : signatures.trim().split(" +")) {
            if (!signature.startsWith("v1,")) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return null;
                }
            } catch (IllegalArgumentException notBase64) {
                // another signature may still match
            }
        }
        return "no v1 signature matches";
    }

    private void delivery(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Instant now = Instant.now();
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("webhook-id");
            String problem = verify(key, id, headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"),
                    body, now);
            exchange.sendResponseHeaders(204, -1);
            record(id, body, now, problem);
        }
    }

    private void record(String id, byte[] body, Instant now, String problem) {
        deliveries.incrementAndGet();
        lastDeliveryNanos.set(System.nanoTime());
        if (problem != null) {
            badSignatures.incrementAndGet();
            problems.computeIfAbsent(problem, p -> new AtomicLong()).incrementAndGet();
            firstProblem.compareAndSet(null, problem + " (webhook-id " + id + ")");
        } else if (seenIds.putIfAbsent(id, Boolean.TRUE) != null) {
            duplicates.incrementAndGet();
        }
        // {"type", "id", "created_at", "data": the payment or refund}; read even when unsigned, to
        // fail the waiting request at once.
        String type = null;
        String paymentId = null;
        Instant createdAt = null;
        try {
            JsonNode event = json.readTree(body);
            type = event.path("type").asText(null);
            JsonNode data = event.path("data");
            paymentId = data.path("payment_id").asText(null);
            if (paymentId == null && type != null && type.startsWith("payment.")) {
                paymentId = data.path("id").asText(null);
            }
            String created = event.path("created_at").asText(null);
            createdAt = created == null ? null : Instant.parse(created);
        } catch (IOException | RuntimeException unreadable) {
            // counted below
        }
        if (type == null || paymentId == null) {
            unattributed.incrementAndGet();
            return;
        }
        Arrival arrival = new Arrival(id, type, paymentId, now, createdAt, problem);
        if (problem == null) {
            byType.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
            if (createdAt != null) {
                synchronized (lagsMs) {
                    lagsMs.add(Duration.between(createdAt, now).toMillis());
                }
            }
        }
        byPayment.computeIfAbsent(paymentId, p -> java.util.Collections.synchronizedList(new ArrayList<>())).add(arrival);
        firsts.computeIfAbsent(paymentId + " " + type, k -> new CompletableFuture<>()).complete(arrival);
    }

    private void received(HttpExchange exchange) throws IOException {
        try (exchange) {
            String paymentId = exchange.getRequestURI().getPath().substring("/received/".length());
            String type = query(exchange, "type");
            if (paymentId.isEmpty() || type == null) {
                respond(exchange, 400, error("GET /received/{paymentId}?type=<event type>"));
                return;
            }
            long started = System.nanoTime();
            CompletableFuture<Arrival> first = firsts.computeIfAbsent(paymentId + " " + type,
                    k -> new CompletableFuture<>());
            Arrival a;
            try {
                a = first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                respond(exchange, 504, error(type + " of " + paymentId + " did not arrive within " + timeout.toMillis()
                        + " ms"));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            if (a.problem() != null) {
                respond(exchange, 401, error(type + " of " + paymentId + " arrived with a bad signature: " + a.problem()));
                return;
            }
            ObjectNode answer = json.createObjectNode().put("payment_id", paymentId).put("type", type)
                    .put("webhook_id", a.webhookId()).put("received_at", a.at().toString())
                    .put("waited_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            if (a.createdAt() != null) {
                answer.put("lag_ms", Duration.between(a.createdAt(), a.at()).toMillis());
            }
            respond(exchange, 200, answer);
        }
    }

    private void settled(HttpExchange exchange) throws IOException {
        try (exchange) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() - lastDeliveryNanos.get() < QUIET.toNanos() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            respond(exchange, 200, counters());
        }
    }

    ObjectNode counters() {
        ObjectNode c = json.createObjectNode().put("deliveries", deliveries.get()).put("bad_signatures", badSignatures.get())
                .put("duplicates", duplicates.get()).put("unattributed", unattributed.get())
                .put("payments", byPayment.size());
        if (firstProblem.get() != null) {
            c.put("first_bad_signature", firstProblem.get());
        }
        return c;
    }

    /** What arrived, for the end of the run. */
    String summary() {
        StringBuilder s = new StringBuilder();
        s.append("Webhook receipt: ").append(deliveries.get()).append(" deliveries, ").append(badSignatures.get())
                .append(" with a bad signature, ").append(duplicates.get()).append(" duplicates (same webhook-id again), ")
                .append(byPayment.size()).append(" payments");
        if (unattributed.get() > 0) {
            s.append(", ").append(unattributed.get()).append(" without a payment id");
        }
        s.append('\n').append("  correctly signed, by type: ").append(new TreeMap<>(byType));
        List<Long> lags;
        synchronized (lagsMs) {
            lags = new ArrayList<>(lagsMs);
        }
        if (!lags.isEmpty()) {
            lags.sort(null);
            s.append('\n').append("  delivery lag (event created_at to receipt): p50 ").append(percentile(lags, 50))
                    .append(" ms, p95 ").append(percentile(lags, 95)).append(" ms, p99 ").append(percentile(lags, 99))
                    .append(" ms, max ").append(lags.getLast()).append(" ms");
        }
        if (!problems.isEmpty()) {
            s.append('\n').append("  bad signatures: ").append(new TreeMap<>(problems)).append("; first: ")
                    .append(firstProblem.get());
        }
        return s.toString();
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("error", message);
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
