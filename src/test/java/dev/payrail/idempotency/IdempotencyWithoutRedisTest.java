package dev.payrail.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Redis is unreachable: idempotency goes through PostgreSQL, slower but never skipped. */
@QuarkusTest
@TestProfile(IdempotencyWithoutRedisTest.RedisDown.class)
class IdempotencyWithoutRedisTest {

    public static class RedisDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "1s");
        }
    }

    @Inject
    SimulatorConnector simulator;

    @Test
    void concurrentRetriesStillMakeOnePaymentAndReplayIt() throws Exception {
        String key = "no-redis-" + System.nanoTime();
        String body = Bodies.cardPayment(4040, "USD", "4242424242424242", "automatic");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/payments"));
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            responses.add(f.get());
        }
        pool.shutdown();
        String id = null;
        for (Response r : responses) {
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, "status " + r.statusCode());
            if (r.statusCode() == 201) {
                id = r.path("id");
            }
        }
        assertEquals(1L, Db.one("SELECT count(*) AS n FROM payments WHERE idempotency_key = ?", key).get("n"));
        String paymentId = (String) Db.one("SELECT id FROM payments WHERE idempotency_key = ?", key).get("id");
        assertEquals(1, simulator.chargesFor(paymentId));
        Response replay = Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/payments");
        assertEquals(201, replay.statusCode());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        if (id != null) {
            Response original = responses.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow();
            assertArrayEquals(original.asByteArray(), replay.asByteArray());
        }
        assertEquals(1L, Db.one("SELECT count(*) AS n FROM idempotency_keys WHERE idempotency_key = ? AND state = 'completed'",
                key).get("n"));
    }

    @Test
    void keyReuseIsRefusedWithoutRedis() {
        String key = "no-redis-reuse-" + System.nanoTime();
        Api.seeded().header("Idempotency-Key", key).body(Bodies.upiPayment(100, "success@upi")).post("/api/v1/payments")
                .then().statusCode(201);
        Api.seeded().header("Idempotency-Key", key).body(Bodies.upiPayment(200, "success@upi")).post("/api/v1/payments")
                .then().statusCode(422);
    }
}
