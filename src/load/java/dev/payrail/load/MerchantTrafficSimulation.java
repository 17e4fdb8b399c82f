package dev.payrail.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Realistic merchant traffic against any Payrail: checkout bursts (create an order, pay it),
 * client retries with the same Idempotency-Key, refunds, polling of a payment, and webhook
 * receipt, each at a fixed arrival rate (an open model: new customers keep arriving whatever the
 * latency).
 *
 * <p>Declines are outcomes, not errors: a checkout with one of the simulator's decline cards must
 * answer {@code 402 PAYMENT_DECLINED}, and a payment with the success card may be declined too
 * when the sandbox's success rate is below 1 ({@code CARD_SUCCESS_RATE}); both count as
 * successes, and the refund and polling flows end there. Anything else unexpected (5xx, a 409
 * on a retry, a replay that differs from the first answer, a timeout) fails the request, and the
 * assertions require zero failures.
 *
 * <p>Webhook receipt: the simulation starts a {@link WebhookReceiver} and, in {@link #before()},
 * points the merchant's webhook endpoint at it (all events), restoring the previous endpoint in
 * {@link #after()}. The receiver verifies every delivery's Standard Webhooks signature with the
 * merchant's webhook secret. The "webhook receipt" scenario pays by card (automatic capture) and
 * then waits for the payment's signed {@code payment.captured} webhook ({@code payment.failed}
 * when the card is declined): the request "webhook received" lasts from the payment's response to
 * the webhook's arrival, and fails when the webhook does not come within the timeout or comes
 * with a bad signature. At the end, one request "webhook signatures" waits until deliveries stop
 * and fails when any delivery of the run, for whatever event, had a bad signature.
 *
 * <p>System properties: {@code payrail.url} (http://localhost:8080), {@code payrail.key},
 * {@code payrail.secret} (the sandbox's seeded merchant), {@code payrail.rate} (new checkouts per
 * second, default 5; the other scenarios are fractions of it), {@code payrail.duration} (seconds,
 * default 30), {@code payrail.declineShare} (share of checkouts using a decline card, 0.1),
 * {@code payrail.maxP99Ms} (when above 0, also assert the 99th percentile of each API request's
 * response times, in milliseconds, the webhook waits excluded; off by default, since it depends on
 * the machine and the sandbox's latency knobs), {@code payrail.webhookSecret} (the merchant's
 * {@code whsec_} signing secret; the sandbox seed's by default), {@code payrail.webhookHost}
 * (address the receiver binds, 127.0.0.1), {@code payrail.webhookPort} (0: a free port),
 * {@code payrail.webhookUrl} (the URL Payrail should deliver to, when it is not
 * {@code http://<webhookHost>:<port>/webhooks}, e.g. for a gateway on another host) and
 * {@code payrail.webhookTimeoutMs} (how long to wait for a webhook, 15000).
 */
public class MerchantTrafficSimulation extends Simulation {

    private static final String URL = System.getProperty("payrail.url", "http://localhost:8080");
    private static final String KEY = System.getProperty("payrail.key", "key_test_abc123");
    private static final String SECRET = System.getProperty("payrail.secret", "secret_test_xyz789");
    private static final double RATE = Double.parseDouble(System.getProperty("payrail.rate", "5"));
    private static final Duration DURATION = Duration.ofSeconds(Long.parseLong(System.getProperty("payrail.duration", "30")));
    private static final double DECLINE_SHARE = Double.parseDouble(System.getProperty("payrail.declineShare", "0.1"));
    private static final int MAX_P99_MS = Integer.parseInt(System.getProperty("payrail.maxP99Ms", "0"));
    private static final int EXP_YEAR = Year.now().getValue() + 3;
    private static final String WEBHOOK_SECRET = System.getProperty("payrail.webhookSecret",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String WEBHOOK_HOST = System.getProperty("payrail.webhookHost", "127.0.0.1");
    private static final int WEBHOOK_PORT = Integer.parseInt(System.getProperty("payrail.webhookPort", "0"));
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofMillis(
            Long.parseLong(System.getProperty("payrail.webhookTimeoutMs", "15000")));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookReceiver receiver = startReceiver();
    /** The receiver as this process reaches it. */
    private final String receiverBase = "http://" + hostForUrl(WEBHOOK_HOST) + ":" + receiver.port();
    /** The receiver as Payrail reaches it. */
    private final String webhookUrl = System.getProperty("payrail.webhookUrl", receiverBase + "/webhooks");
    /** The merchant's endpoint before the run, put back after it. */
    private JsonNode previousEndpoint;

    private final HttpProtocolBuilder protocol = http.baseUrl(URL)
            .basicAuth(KEY, SECRET)
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .shareConnections();

    /** The webhook receiver's own protocol: its waits are not Payrail requests. */
    private final HttpProtocolBuilder receiverProtocol = http.baseUrl(receiverBase)
            .acceptHeader("application/json")
            .shareConnections();

    private static String cardBody(String head, String pan, String capture) {
        return "{" + head + "\"method\":\"card\",\"capture\":\"" + capture + "\",\"card\":{\"number\":\"" + pan
                + "\",\"expiry_month\":12,\"expiry_year\":" + EXP_YEAR + ",\"cvc\":\"123\",\"holder_name\":\"Load Test\"}}";
    }

    private static ChainBuilder newKey() {
        return exec(session -> session.set("idempotencyKey", "load-" + UUID.randomUUID()));
    }

    /** A customer checks out: the merchant creates an order, then pays it with a card. */
    private static final ChainBuilder CREATE_ORDER = exec(http("create order").post("/api/v1/orders")
            .body(StringBody("{\"amount\":#{amount},\"currency\":\"EUR\",\"receipt\":\"load-#{receipt}\"}"))
            .check(status().is(201), jsonPath("$.id").saveAs("orderId")));

    private static ChainBuilder payOrder(String name, String pan, int... expected) {
        Integer[] statuses = java.util.Arrays.stream(expected).boxed().toArray(Integer[]::new);
        return newKey().exec(http(name).post("/api/v1/payments")
                .header("Idempotency-Key", "#{idempotencyKey}")
                .body(StringBody(cardBody("\"order_id\":\"#{orderId}\",", pan, "automatic")))
                .check(status().in(statuses).saveAs("payStatus"), jsonPath("$.id").optional().saveAs("paymentId")));
    }

    private static ChainBuilder basket() {
        return exec(session -> session.set("amount", 500 + (int) (Math.random() * 20_000))
                .set("receipt", UUID.randomUUID().toString()));
    }

    private final ScenarioBuilder checkout = scenario("checkout burst").exec(basket()).exec(CREATE_ORDER)
            .exec(randomSwitch().on(
                    percent(DECLINE_SHARE * 100).then(payOrder("pay order (decline card)", "4000000000000002", 402)),
                    percent(100 - DECLINE_SHARE * 100).then(payOrder("pay order", "4242424242424242", 201, 402))));

    /**
     * The merchant's client times out and retries with the same key: one payment, and the retry
     * gets the first response again (same status, same bytes) marked {@code Idempotent-Replayed}.
     */
    private final ScenarioBuilder retry = scenario("retry with the same Idempotency-Key").exec(basket()).exec(newKey())
            .exec(http("pay").post("/api/v1/payments").header("Idempotency-Key", "#{idempotencyKey}")
                    .body(StringBody(cardBody("\"amount\":#{amount},\"currency\":\"EUR\",", "4242424242424242", "automatic")))
                    .check(status().in(201, 402).saveAs("firstStatus"), bodyString().saveAs("firstBody")))
            .pause(Duration.ofMillis(200))
            .exec(http("pay again (retry)").post("/api/v1/payments").header("Idempotency-Key", "#{idempotencyKey}")
                    .body(StringBody(cardBody("\"amount\":#{amount},\"currency\":\"EUR\",", "4242424242424242", "automatic")))
                    .check(status().isEL("#{firstStatus}"), header("Idempotent-Replayed").is("true"),
                            bodyString().isEL("#{firstBody}")));

    /** A paid order is returned: a partial refund, then the refund is read back. */
    private final ScenarioBuilder refund = scenario("refund").exec(basket()).exec(CREATE_ORDER)
            .exec(payOrder("pay order", "4242424242424242", 201, 402))
            .doIf(session -> session.getInt("payStatus") == 201).then(
                    pause(Duration.ofMillis(500))
                            .exec(http("refund").post("/api/v1/payments/#{paymentId}/refunds")
                                    .body(StringBody("{\"amount\":200,\"reason\":\"requested_by_customer\"}"))
                                    .check(status().is(201), jsonPath("$.id").saveAs("refundId")))
                            .exec(http("get refund").get("/api/v1/refunds/#{refundId}").check(status().is(200))));

    /** The merchant's order page polls the payment until it settles (here it settles at once). */
    private final ScenarioBuilder polling = scenario("polling").exec(basket()).exec(newKey())
            .exec(http("pay (manual capture)").post("/api/v1/payments").header("Idempotency-Key", "#{idempotencyKey}")
                    .body(StringBody(cardBody("\"amount\":#{amount},\"currency\":\"EUR\",", "4242424242424242", "manual")))
                    .check(status().in(201, 402).saveAs("payStatus"), jsonPath("$.id").optional().saveAs("paymentId")))
            .doIf(session -> session.getInt("payStatus") == 201).then(
                    repeat(3).on(exec(http("poll payment").get("/api/v1/payments/#{paymentId}")
                                    .check(status().is(200), jsonPath("$.status").in("authorized", "processing")))
                                    .pause(Duration.ofMillis(300)))
                            .exec(http("capture").post("/api/v1/payments/#{paymentId}/capture").body(StringBody("{}"))
                                    .check(status().is(200), jsonPath("$.status").is("captured"))));

    /**
     * A customer pays and the merchant waits for the webhook that tells it so: the signed
     * {@code payment.captured}, or {@code payment.failed} for a decline. This scenario runs on the
     * receiver's protocol, so its payment names Payrail's URL and credentials itself.
     */
    private final ScenarioBuilder webhookReceipt = scenario("webhook receipt").exec(basket()).exec(newKey())
            .exec(http("pay (webhook receipt)").post(URL + "/api/v1/payments").basicAuth(KEY, SECRET)
                    .header("Content-Type", "application/json").header("Idempotency-Key", "#{idempotencyKey}")
                    .body(StringBody(cardBody("\"amount\":#{amount},\"currency\":\"EUR\",", "4242424242424242", "automatic")))
                    .check(status().in(201, 402).saveAs("payStatus"), jsonPath("$.id").optional().saveAs("paymentId"),
                            jsonPath("$.payment_id").optional().saveAs("paymentId"))
                    .checkIf((response, session) -> response.status().code() == 201)
                    .then(jsonPath("$.status").is("captured")))
            .exitHereIfFailed()
            .exec(session -> session.set("webhookType",
                    session.getInt("payStatus") == 201 ? "payment.captured" : "payment.failed"))
            .exec(http("webhook received").get("/received/#{paymentId}?type=#{webhookType}")
                    .requestTimeout(WEBHOOK_TIMEOUT.plusSeconds(10))
                    .check(status().is(200)));

    /**
     * One request at the end: waits until deliveries stop (2 s without one, at most the webhook
     * timeout), then fails if any delivery of the run had a bad signature.
     */
    private final ScenarioBuilder signatureAudit = scenario("webhook signature audit").pause(DURATION)
            .exec(http("webhook signatures").get("/settled")
                    .requestTimeout(WEBHOOK_TIMEOUT.plusSeconds(10))
                    .check(status().is(200), jsonPath("$.bad_signatures").ofLong().is(0L)));

    /** The requests to Payrail's API, whose 99th percentile {@code payrail.maxP99Ms} bounds. */
    private static List<String> apiRequests() {
        List<String> names = new ArrayList<>(List.of("create order", "pay order", "pay", "pay again (retry)", "refund",
                "get refund", "pay (manual capture)", "poll payment", "capture", "pay (webhook receipt)"));
        if (DECLINE_SHARE > 0) {
            names.add("pay order (decline card)");
        }
        return names;
    }

    private static List<Assertion> assertions() {
        List<Assertion> all = new ArrayList<>(List.of(global().failedRequests().count().is(0L)));
        if (MAX_P99_MS > 0) {
            apiRequests().forEach(name -> all.add(details(name).responseTime().percentile(99.0).lte(MAX_P99_MS)));
        }
        return all;
    }

    {
        setUp(
                checkout.injectOpen(constantUsersPerSec(RATE).during(DURATION)),
                retry.injectOpen(constantUsersPerSec(RATE * 0.2).during(DURATION)),
                refund.injectOpen(constantUsersPerSec(RATE * 0.2).during(DURATION)),
                polling.injectOpen(constantUsersPerSec(RATE * 0.4).during(DURATION)),
                webhookReceipt.injectOpen(constantUsersPerSec(RATE * 0.2).during(DURATION)).protocols(receiverProtocol),
                signatureAudit.injectOpen(atOnceUsers(1)).protocols(receiverProtocol))
                .protocols(protocol)
                .assertions(assertions());
    }

    private static WebhookReceiver startReceiver() {
        try {
            return new WebhookReceiver(WEBHOOK_HOST, WEBHOOK_PORT, WEBHOOK_SECRET, WEBHOOK_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the webhook receiver on " + WEBHOOK_HOST + ":" + WEBHOOK_PORT, e);
        }
    }

    /** A bind address as a URL host: a wildcard becomes loopback, IPv6 gets brackets. */
    private static String hostForUrl(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Points the merchant's webhook endpoint at the receiver, all events, after noting the current one. */
    @Override
    public void before() {
        try {
            previousEndpoint = endpoint("GET", null);
            System.out.println("Webhook endpoint before the run (put back after it): " + previousEndpoint);
            ObjectNode ours = JSON.createObjectNode().put("url", webhookUrl).put("enabled", true);
            ours.putArray("enabled_events").add("*");
            endpoint("PUT", ours);
            System.out.println("Webhooks now go to " + webhookUrl + " (receiver on " + receiverBase + ")");
        } catch (RuntimeException e) {
            receiver.stop();
            throw e;
        }
    }

    /** Puts the merchant's endpoint back, stops the receiver and prints what arrived. */
    @Override
    public void after() {
        try {
            if (previousEndpoint != null) {
                ObjectNode back = JSON.createObjectNode();
                back.set("url", previousEndpoint.get("url"));
                back.set("enabled_events", previousEndpoint.get("enabled_events"));
                back.set("enabled", previousEndpoint.get("enabled"));
                endpoint("PUT", back);
                System.out.println("Webhook endpoint put back: " + back);
            }
        } catch (RuntimeException e) {
            System.out.println("WARNING: could not put the webhook endpoint back to " + previousEndpoint + ": "
                    + e.getMessage());
        } finally {
            receiver.stop();
            System.out.println(receiver.summary());
            if (receiver.badSignatures() > 0) {
                System.out.println("FAILED: " + receiver.badSignatures() + " webhook deliveries had a bad signature "
                        + "(is payrail.webhookSecret the merchant's current secret?)");
            }
        }
    }

    /** {@code GET} or {@code PUT /api/v1/webhook-endpoint} with the merchant's credentials. */
    private static JsonNode endpoint(String method, JsonNode body) {
        String auth = Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(URL + "/api/v1/webhook-endpoint"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + auth)
                .header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " /api/v1/webhook-endpoint answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " /api/v1/webhook-endpoint failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
