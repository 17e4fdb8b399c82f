package dev.payrail.idempotency;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.RedisMonitor;
import dev.payrail.support.StoredResponses;
import dev.payrail.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class IdempotencyTest {

    @Inject
    SimulatorConnector simulator;

    private static String key() {
        return "idem-" + System.nanoTime() + "-" + Math.random();
    }

    private static Response post(String key, String body) {
        return Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/payments");
    }

    @Test
    void fiftyConcurrentIdenticalRequestsCreateOnePaymentAndOneProviderCall() throws Exception {
        String key = key();
        String body = Bodies.cardPayment(5050, "USD", "4242424242424242", "automatic");
        long callsBefore = simulator.authorizeCalls();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> post(key, body));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            responses.add(f.get());
        }
        pool.shutdown();
        List<Response> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertTrue(!created.isEmpty(), "at least the first one succeeds");
        byte[] first = created.get(0).asByteArray();
        String paymentId = created.get(0).path("id");
        for (Response r : responses) {
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, "status " + r.statusCode());
            if (r.statusCode() == 201) {
                assertArrayEquals(first, r.asByteArray(), "replays are byte-identical");
            } else {
                assertEquals("IDEMPOTENCY_REQUEST_IN_PROGRESS", r.path("code"));
                assertEquals("1", r.header("Retry-After"));
            }
        }
        assertEquals(1L, Db.one("SELECT count(*) AS n FROM payments WHERE idempotency_key = ?", key).get("n"));
        assertEquals(1, simulator.chargesFor(paymentId));
        assertEquals(1, simulator.authorizeCalls() - callsBefore, "exactly one provider call");
        Response replay = post(key, body);
        assertEquals(201, replay.statusCode());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertArrayEquals(first, replay.asByteArray());
    }

    @Test
    void anImmediateRetryReplaysWhileTheStoredResponseIsStillOnItsWayToRedis() {
        // The first request answers before its stored response is in Redis; the retry's claim carries the write
        // when it still waits, and waits for the script carrying it when one has already taken it.
        for (int i = 0; i < 30; i++) {
            String key = key();
            String body = Bodies.cardPayment(555, "USD", "4242424242424242", "automatic");
            Response first = post(key, body);
            assertEquals(201, first.statusCode(), first.asString());
            Response retry = post(key, body);
            assertEquals(201, retry.statusCode(), "retry " + i + ": " + retry.asString());
            assertEquals("true", retry.header("Idempotent-Replayed"));
            assertArrayEquals(first.asByteArray(), retry.asByteArray());
        }
    }

    @Test
    void storedDeclineIsReplayed() {
        String key = key();
        String body = Bodies.cardPayment(100, "USD", "4000000000009995", "automatic");
        Response first = post(key, body);
        assertEquals(402, first.statusCode());
        Response again = post(key, body);
        assertEquals(402, again.statusCode());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertArrayEquals(first.asByteArray(), again.asByteArray());
        assertEquals(first.header("Content-Type"), again.header("Content-Type"));
    }

    @Test
    void storedServerErrorIsReplayed() {
        String key = key();
        String body = "{\"amount\":100,\"currency\":\"INR\",\"method\":\"upi\",\"provider\":\"test_unavailable\","
                + "\"upi\":{\"vpa\":\"success@upi\"}}";
        Response first = post(key, body);
        assertEquals(503, first.statusCode());
        assertEquals("PROVIDER_UNAVAILABLE", first.path("code"));
        Response again = post(key, body);
        assertEquals(503, again.statusCode());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertArrayEquals(first.asByteArray(), again.asByteArray());
    }

    @Test
    void validationFailureIsNotStoredSoACorrectedRetrySucceeds() {
        String key = key();
        post(key, Bodies.cardPayment(100, "usd", "4242424242424242", "automatic")).then().statusCode(400)
                .body("param", equalTo("currency"));
        post(key, Bodies.cardPayment(100, "USD", "4242424242424242", "automatic")).then().statusCode(201)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void sameKeyWithAnotherBodyIsRefused() {
        String key = key();
        post(key, Bodies.upiPayment(100, "success@upi")).then().statusCode(201);
        post(key, Bodies.upiPayment(101, "success@upi")).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void sameKeyForTwoMerchantsMakesTwoPayments() {
        String key = key();
        String[] other = Api.newMerchant();
        String a = post(key, Bodies.upiPayment(100, "success@upi")).then().statusCode(201).extract().path("id");
        String b = Api.as(other[0], other[1]).header("Idempotency-Key", key).body(Bodies.upiPayment(100, "success@upi"))
                .post("/api/v1/payments").then().statusCode(201).extract().path("id");
        assertNotEquals(a, b);
    }

    @Test
    void afterRedisLosesTheKeyARetryReplaysFromPostgresWithoutASecondCharge() throws Exception {
        String key = key();
        String body = Bodies.cardPayment(777, "USD", "4242424242424242", "automatic");
        String id = post(key, body).then().statusCode(201).extract().path("id");
        long calls = simulator.authorizeCalls();
        assertTrue(StoredResponses.loseAll() > 0);
        Response retry = post(key, body);
        assertEquals(201, retry.statusCode());
        assertEquals(id, retry.path("id"));
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(calls, simulator.authorizeCalls(), "no second provider call");
        assertEquals(1, simulator.chargesFor(id));
        // and a different body with that key is still refused, from PostgreSQL's fingerprint
        StoredResponses.loseAll();
        post(key, Bodies.cardPayment(778, "USD", "4242424242424242", "automatic")).then().statusCode(422);
    }

    @Test
    void ordersAndRefundsAreIdempotentToo() throws Exception {
        String key = key();
        String body = Bodies.order(1234, "EUR");
        Response first = Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/orders");
        Response again = Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/orders");
        assertEquals(201, again.statusCode());
        assertArrayEquals(first.asByteArray(), again.asByteArray());
        StoredResponses.loseAll();
        Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/orders").then().statusCode(201)
                .body("id", equalTo(first.path("id")));

        String pay = post(key(), Bodies.cardPayment(900, "USD", "4242424242424242", "automatic")).path("id");
        String refundKey = key();
        String r1 = Api.seeded().header("Idempotency-Key", refundKey).body("{\"amount\":100}")
                .post("/api/v1/payments/" + pay + "/refunds").then().statusCode(201).extract().path("id");
        StoredResponses.loseAll();
        String r2 = Api.seeded().header("Idempotency-Key", refundKey).body("{\"amount\":100}")
                .post("/api/v1/payments/" + pay + "/refunds").then().statusCode(201).extract().path("id");
        assertEquals(r1, r2);
        assertEquals(1L, Db.one("SELECT count(*) AS n FROM refunds WHERE payment_id = ?", pay).get("n"));
    }

    @Test
    void captureIsIdempotent() {
        String pay = post(key(), Bodies.cardPayment(900, "USD", "4242424242424242", "manual")).path("id");
        String key = key();
        Response first = Api.seeded().header("Idempotency-Key", key).body("{\"amount\":500}")
                .post("/api/v1/payments/" + pay + "/capture");
        Response again = Api.seeded().header("Idempotency-Key", key).body("{\"amount\":500}")
                .post("/api/v1/payments/" + pay + "/capture");
        assertEquals(200, first.statusCode());
        assertEquals(200, again.statusCode());
        assertArrayEquals(first.asByteArray(), again.asByteArray());
    }

    @Test
    void redisRoundTripsPerPaymentAreMeasured() throws Exception {
        // A new merchant: its first payment reads its risk settings, which the pod then keeps for 5 s (the second
        // leaves the claim's script in Redis, should Redis have lost the one loaded at start).
        String[] merchant = Api.newMerchant();
        for (int i = 0; i < 2; i++) {
            Api.as(merchant[0], merchant[1]).header("Idempotency-Key", key())
                    .body(Bodies.cardPayment(320, "USD", "4242424242424242", "automatic")).post("/api/v1/payments")
                    .then().statusCode(201);
        }
        StoredResponses.landed(); // their stored responses, which leave after them
        String key = key();
        // The gateway's own commands: the simulator (a provider) keeps its journal in the same Redis.
        List<String> commands = RedisMonitor.recordGateway(
                () -> Api.as(merchant[0], merchant[1]).header("Idempotency-Key", key)
                        .body(Bodies.cardPayment(321, "USD", "4242424242424242", "automatic")).post("/api/v1/payments")
                        .then().statusCode(201));
        Set<String> distinct = new HashSet<>(commands);
        System.out.println("Redis commands for one idempotent payment: " + commands);
        // the merchant's rate limit, the idempotency claim and the fraud rules' velocity windows in one script,
        // the stored response (alone, a lone payment's write finds no other script to ride in)
        assertTrue(commands.size() <= 2, "at most 2 Redis round trips per payment: " + commands);
        assertEquals(1, commands.stream().filter(c -> c.toUpperCase().startsWith("EVALSHA")
                && c.contains(TestEnvironment.REDIS_PREFIX + "rl:{merchant:") && c.contains("idem:{")
                && c.contains(TestEnvironment.REDIS_PREFIX + "risk:{")).count(),
                "the rate limit, the claim and the velocity count share one script: " + commands);
        assertTrue(distinct.stream().noneMatch(c -> c.toUpperCase().startsWith("SET") && c.contains("NX")),
                "no claim of its own: " + commands);
        // the key goes out twice: in its claim, and as the stored response carried by a script (its own, or
        // whichever script left next)
        List<String> withKey = commands.stream().filter(c -> c.contains("idem:{") && c.contains(key)).toList();
        assertEquals(2, withKey.size(), "the claim and the carried stored response: " + commands);
        assertTrue(withKey.stream().allMatch(c -> c.toUpperCase().startsWith("EVALSHA")), "both in scripts: " + withKey);
        assertTrue(distinct.stream().noneMatch(c -> c.toUpperCase().startsWith("SET")), "no SET of its own: " + commands);
    }

    @Test
    void concurrentPaymentsStoreTheirResponsesInFewerRoundTripsThanOneEach() throws Exception {
        int n = 24;
        String body = Bodies.cardPayment(654, "USD", "4242424242424242", "automatic");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(key());
        }
        Map<String, byte[]> answers = new ConcurrentHashMap<>();
        List<String> commands = RedisMonitor.recordGateway(() -> {
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                List<Callable<Void>> calls = new ArrayList<>();
                for (String k : keys) {
                    calls.add(() -> {
                        Response r = post(k, body);
                        assertEquals(201, r.statusCode());
                        answers.put(k, r.asByteArray());
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(calls)) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        });
        System.out.println("Redis commands for " + n + " concurrent payments: " + commands.size());
        assertTrue(commands.size() <= 2 * n, "never more than 2 round trips a payment: " + commands.size());
        assertTrue(commands.stream().noneMatch(c -> c.toUpperCase().startsWith("SET")), "no SET of its own");
        assertEquals(n, answers.size());
        for (String k : keys) {
            Response replay = post(k, body);
            assertEquals("true", replay.header("Idempotent-Replayed"), "the stored response of " + k + " is in Redis");
            assertArrayEquals(answers.get(k), replay.asByteArray());
        }
    }

    @Test
    void theSimulatorClaimsItsKeyAndJournalsItsAnswerInOneRoundTrip() throws Exception {
        String sim = TestEnvironment.REDIS_PREFIX + "sim:";
        List<String> commands = RedisMonitor.record(TestEnvironment.REDIS_PREFIX,
                () -> post(key(), Bodies.cardPayment(322, "USD", "4242424242424242", "automatic")).then().statusCode(201))
                .stream().filter(c -> c.contains(sim)).toList();
        assertEquals(1, commands.size(), "one round trip for the provider's side: " + commands);
        String only = commands.get(0);
        assertTrue(only.toUpperCase().startsWith("EVALSHA") && only.contains(sim + "key:") && only.contains(sim + "ref:sim_")
                && only.contains("CAPTURED"), "the key's claim and the answer with its stage, in one script: " + only);
    }
}
