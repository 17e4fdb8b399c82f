package dev.payrail.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.OwnServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Outages under load, on a PostgreSQL cluster and a Redis of this test's own (the machine's shared
 * services are never stopped). PostgreSQL stopped: requests answer 503 problem+json with
 * Retry-After, no idempotency key is bound to that answer (its retry makes the payment), readiness
 * goes DOWN and payments resume once PostgreSQL is back, with nothing left processing. Redis
 * stopped: payments go on (idempotency in PostgreSQL), readiness stays UP and reports Redis down.
 * Prints the recovery times it measures (docs/operations.md).
 */
@QuarkusTest
@TestProfile(OutageTest.OnOwnServices.class)
class OutageTest {

    static OwnServices services;

    public static class OwnServicesResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            services = OwnServices.start();
            return Map.of("quarkus.datasource.jdbc.url", services.jdbcUrl(),
                    "quarkus.datasource.reactive.url", services.reactiveUrl(),
                    "quarkus.redis.hosts", services.redisUrl());
        }

        @Override
        public void stop() {
            if (services != null) {
                services.close();
            }
        }
    }

    public static class OnOwnServices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Payments whose answer was lost in the outage are reconciled seconds later, not minutes.
            return Map.of("payrail.reconciler.in-flight-grace", "PT3S", "quarkus.redis.timeout", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnServicesResource.class));
        }
    }

    private record Answer(String key, String body, int status, String retryAfter, String contentType, String code,
            long atMillis) {
    }

    private static Response pay(String key, String body) {
        return Api.seeded().header("Idempotency-Key", key).body(body).post("/api/v1/payments");
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    @Test
    void postgresqlStoppedUnderLoadAnswers503AndBindsNoKeyThenPaymentsResume() throws Exception {
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sequence = new AtomicLong();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (running.get()) {
                    long n = sequence.incrementAndGet();
                    String key = "outage-pg-" + n + "-" + System.nanoTime();
                    String body = Bodies.cardPayment(1000 + n, "USD", "4242424242424242", "automatic");
                    try {
                        Response r = pay(key, body);
                        answers.add(new Answer(key, body, r.statusCode(), r.header("Retry-After"), r.contentType(),
                                r.statusCode() >= 400 ? r.path("code") : null, now()));
                    } catch (Exception e) {
                        answers.add(new Answer(key, body, -1, null, null, e.toString(), now()));
                    }
                }
                return null;
            });
        }
        Thread.sleep(1500);
        long stopped = now();
        services.stopPostgres();
        long readinessDown = -1;
        while (now() - stopped < 4000) {
            if (readinessDown < 0 && given().get("/q/health/ready").statusCode() == 503) {
                readinessDown = now();
            }
            Thread.sleep(50);
        }
        services.startPostgres();
        long restarted = now();
        long readinessUp = -1;
        while (readinessUp < 0 && now() - restarted < 15_000) {
            if (given().get("/q/health/ready").statusCode() == 200) {
                readinessUp = now();
            }
            Thread.sleep(50);
        }
        Thread.sleep(2000);
        running.set(false);
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));

        List<Answer> all = new ArrayList<>(answers);
        List<Answer> unavailable = all.stream().filter(a -> a.status() == 503).toList();
        assertFalse(unavailable.isEmpty(), "the outage was seen");
        for (Answer a : all) {
            assertTrue(a.status() == 201 || a.status() == 503, "no other answer during the outage: " + a);
        }
        for (Answer a : unavailable) {
            assertEquals("SERVICE_UNAVAILABLE", a.code(), a.toString());
            assertNotNull(a.retryAfter(), "Retry-After on " + a);
            assertTrue(a.contentType().startsWith("application/problem+json"), a.toString());
        }
        long firstPaymentAfter = all.stream().filter(a -> a.status() == 201 && a.atMillis() > restarted)
                .mapToLong(Answer::atMillis).min().orElseThrow();
        System.out.printf("OUTAGE postgresql: %d requests, %d answered 503; readiness DOWN %d ms after the stop, UP %d ms "
                + "after the restart; first payment %d ms after the restart%n", all.size(), unavailable.size(),
                readinessDown - stopped, readinessUp - restarted, firstPaymentAfter - restarted);
        assertTrue(readinessDown > 0, "readiness went DOWN while PostgreSQL was stopped");
        assertTrue(readinessUp > 0, "readiness came back");

        // No key is bound to a 503: the retry with the same key makes (or finds) the one payment.
        for (Answer a : unavailable) {
            Response retry = pay(a.key(), a.body());
            assertEquals(201, retry.statusCode(), a.key() + ": " + retry.asString());
            assertEquals(1L, Db.one("SELECT count(*) AS n FROM payments WHERE idempotency_key = ?", a.key()).get("n"));
        }
        // Whatever the outage interrupted after the insert is settled: nothing stays processing.
        long settleStart = now();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertEquals(0L,
                Db.one("SELECT count(*) AS n FROM payments WHERE status IN ('processing', 'unknown')").get("n")));
        System.out.printf("OUTAGE postgresql: every payment settled %d ms after the retries%n", now() - settleStart);
        assertEquals(0L, Db.one("SELECT count(*) AS n FROM payment_attempts WHERE outcome = 'in_flight'").get("n"));
    }

    @Test
    void redisStoppedPaymentsGoOnAndReadinessStaysUpReportingIt() throws Exception {
        services.stopRedis();
        try {
            long stopped = now();
            String key = "outage-redis-" + System.nanoTime();
            String body = Bodies.cardPayment(2500, "USD", "4242424242424242", "automatic");
            Response first = pay(key, body);
            long firstPayment = now() - stopped;
            assertEquals(201, first.statusCode(), first.asString());
            Response retry = pay(key, body);
            assertEquals(201, retry.statusCode());
            assertEquals("true", retry.header("Idempotent-Replayed"));
            assertEquals(first.path("id").toString(), retry.path("id").toString());
            assertEquals(1L, Db.one("SELECT count(*) AS n FROM payments WHERE idempotency_key = ?", key).get("n"));

            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.find { it.name == '" + RedisReadiness.NAME + "' }.data.redis", equalTo("DOWN"))
                    .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("PostgreSQL")));
            given().get("/health").then().statusCode(200).body("redis", equalTo("DOWN")).body("database", equalTo("UP"))
                    .body("status", equalTo("DEGRADED"));
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("payrail_redis_available 0.0"), "gauge shows Redis down");
            System.out.printf("OUTAGE redis: first payment %d ms after the stop%n", firstPayment);
        } finally {
            services.startRedis();
        }
        long restarted = now();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == '" + RedisReadiness.NAME + "' }.data.redis", equalTo("UP")));
        System.out.printf("OUTAGE redis: reported UP %d ms after the restart%n", now() - restarted);
    }
}
