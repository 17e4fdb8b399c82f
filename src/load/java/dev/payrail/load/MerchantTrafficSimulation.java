package dev.payrail.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
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

import java.time.Duration;
import java.time.Year;
import java.util.UUID;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Realistic merchant traffic against any Payrail: checkout bursts (create an order, pay it),
 * client retries with the same Idempotency-Key, refunds, and polling of a payment, each at a
 * fixed arrival rate (an open model: new customers keep arriving whatever the latency).
 *
 * <p>Declines are outcomes, not errors: a checkout with one of the simulator's decline cards must
 * answer {@code 402 PAYMENT_DECLINED}, and a payment with the success card may be declined too
 * when the sandbox's success rate is below 1 ({@code CARD_SUCCESS_RATE}); both count as
 * successes, and the refund and polling flows end there. Anything else unexpected (5xx, a 409
 * on a retry, a replay that differs from the first answer, a timeout) fails the request, and the
 * assertions require zero failures.
 *
 * <p>System properties: {@code payrail.url} (http://localhost:8080), {@code payrail.key},
 * {@code payrail.secret} (the sandbox's seeded merchant), {@code payrail.rate} (new checkouts per
 * second, default 5; the other scenarios are fractions of it), {@code payrail.duration} (seconds,
 * default 30), {@code payrail.declineShare} (share of checkouts using a decline card, 0.1),
 * {@code payrail.maxP99Ms} (when above 0, also assert the 99th percentile of response times, in
 * milliseconds; off by default, since it depends on the machine and the sandbox's latency knobs).
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

    private final HttpProtocolBuilder protocol = http.baseUrl(URL)
            .basicAuth(KEY, SECRET)
            .contentTypeHeader("application/json")
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

    {
        setUp(
                checkout.injectOpen(constantUsersPerSec(RATE).during(DURATION)),
                retry.injectOpen(constantUsersPerSec(RATE * 0.2).during(DURATION)),
                refund.injectOpen(constantUsersPerSec(RATE * 0.2).during(DURATION)),
                polling.injectOpen(constantUsersPerSec(RATE * 0.4).during(DURATION)))
                .protocols(protocol)
                .assertions(MAX_P99_MS > 0
                        ? java.util.List.of(global().failedRequests().count().is(0L),
                                global().responseTime().percentile(99.0).lte(MAX_P99_MS))
                        : java.util.List.of(global().failedRequests().count().is(0L)));
    }
}
