package dev.payrail.risk;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.payrail.card.CardFingerprinter;
import dev.payrail.common.LoopRedis;
import dev.payrail.support.RedisMonitor;
import dev.payrail.support.StoredResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A keyed card payment naming no customer counts its velocity windows inside its idempotency claim (with the
 * merchant's rate limit): one Redis round trip before the provider is called, where there were two. The rules
 * see the same counts; a replay, a reused key and a request the claim did not run for count nothing; a payment
 * whose merchant's settings this pod does not hold yet, or that names a customer, counts on its own as before.
 */
@QuarkusTest
class VelocityRidesTheClaimTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    LoopRedis redis;
    @Inject
    CardFingerprinter fingerprints;
    @Inject
    VelocityCounter velocity;
    @ConfigProperty(name = "payrail.redis.prefix")
    String prefix;

    private static String key() {
        return "vel-" + System.nanoTime() + "-" + Math.random();
    }

    private static Response pay(RiskFixtures.Shop shop, String key, String body) {
        return shop.api().header("Idempotency-Key", key).body(body).post("/api/v1/payments");
    }

    private String cardSet(RiskFixtures.Shop shop, String pan) {
        return prefix + "risk:{" + shop.id() + "}:card:" + fingerprints.fingerprint(pan);
    }

    private long members(String set) {
        return redis.execute("ZCARD", set).await().atMost(WAIT).toLong();
    }

    @Test
    void aKeyedCardPaymentCountsItsVelocityInItsClaim() throws Exception {
        var shop = RiskFixtures.shop();
        String body = RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic");
        // the first payment reads the merchant's settings; until they expire this pod knows the windows (the
        // second leaves the claim's script in Redis, should Redis have lost the one loaded at start)
        pay(shop, key(), body).then().statusCode(201);
        pay(shop, key(), body).then().statusCode(201);
        StoredResponses.landed(); // their stored responses, which leave after them
        String key = key();
        String set = cardSet(shop, RiskFixtures.VISA);
        List<String> commands = RedisMonitor.recordGateway(() -> pay(shop, key, body).then().statusCode(201)
                .body("risk.decision", equalTo("allow")));
        List<String> claims = commands.stream().filter(c -> c.contains("idem:{") && c.contains(key)
                && c.toUpperCase().startsWith("EVALSHA") && c.contains("rl:{merchant:")).toList();
        assertEquals(1, claims.size(), "one claim: " + commands);
        assertTrue(claims.get(0).contains(set), "the claim counts the card: " + claims.get(0));
        assertEquals(1, commands.stream().filter(c -> c.contains("risk:{")).count(),
                "no velocity script of its own: " + commands);
        assertTrue(commands.size() <= 2, "the claim, and the stored response when no other script carried it: "
                + commands);
        assertEquals(3, members(set), "each payment counted once");
    }

    @Test
    void theRulesSeeTheCountsTheClaimRan() throws Exception {
        var shop = RiskFixtures.shop();
        shop.settings("{\"risk_threshold\":60,\"review_threshold\":30,"
                + "\"card_velocity\":{\"limit\":2,\"window_seconds\":600,\"points\":70}}");
        String body = RiskFixtures.card(1000, "USD", RiskFixtures.MASTERCARD, "automatic");
        String set = cardSet(shop, RiskFixtures.MASTERCARD);
        pay(shop, key(), body).then().statusCode(201).body("risk.decision", equalTo("allow"));
        pay(shop, key(), body).then().statusCode(201).body("risk.decision", equalTo("allow"));
        StoredResponses.landed();
        String third = key();
        List<String> commands = RedisMonitor.recordGateway(() -> pay(shop, third, body).then().statusCode(402)
                .body("decline_code", equalTo("fraudulent")));
        assertTrue(commands.stream().anyMatch(c -> c.contains(third) && c.contains(set)),
                "the third payment's claim counted its card: " + commands);
        assertEquals(1, commands.stream().filter(c -> c.contains("risk:{")).count(), "counted once: " + commands);
        String id = shop.api().header("Idempotency-Key", third).body(body).post("/api/v1/payments").then()
                .statusCode(402).extract().path("payment_id");
        JsonPath p = shop.payment(id);
        assertEquals("block", p.getString("risk.decision"));
        assertEquals("3 payments with this card in 600 s (limit 2)", p.getString("risk.reasons[0].detail"));
        assertEquals(3, members(set));
    }

    @Test
    void aReplayAReusedKeyAndAnInvalidBodyCountNothing() {
        var shop = RiskFixtures.shop();
        String body = RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic");
        String set = cardSet(shop, RiskFixtures.VISA);
        pay(shop, key(), body).then().statusCode(201);
        String key = key();
        byte[] first = pay(shop, key, body).then().statusCode(201).extract().asByteArray();
        assertEquals(2, members(set));

        Response replay = pay(shop, key, body);
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertArrayEquals(first, replay.asByteArray());
        pay(shop, key, RiskFixtures.card(1001, "USD", RiskFixtures.VISA, "automatic")).then().statusCode(422);
        pay(shop, key(), RiskFixtures.card(1000, "XXX", RiskFixtures.VISA, "automatic")).then().statusCode(400);
        assertEquals(2, members(set), "neither the replay, the reused key nor the invalid body counted");
    }

    @Test
    void aPaymentNamingACustomerCountsOnItsOwnAndIsCountedOnce() throws Exception {
        var shop = RiskFixtures.shop();
        String customer = shop.customer("rider");
        String body = RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic", customer);
        pay(shop, key(), body).then().statusCode(201);
        StoredResponses.landed();
        String key = key();
        List<String> commands = RedisMonitor.recordGateway(() -> pay(shop, key, body).then().statusCode(201));
        List<String> counts = commands.stream().filter(c -> c.contains("risk:{")).toList();
        assertEquals(1, counts.size(), "one count: " + commands);
        assertFalse(counts.get(0).contains("idem:{"), "not in the claim: the customer's e-mail is read first");
        assertEquals(2, members(cardSet(shop, RiskFixtures.VISA)));
    }

    @Test
    void aPrecountServesOnlyTheSignalsItCountedAndOnlyOnce() {
        String merchant = "m_precount_" + System.nanoTime();
        String card = "fp_" + System.nanoTime();
        VelocityCounter.Signal[] signals = { new VelocityCounter.Signal(card, 600), new VelocityCounter.Signal(null, 600),
                new VelocityCounter.Signal(null, 600), new VelocityCounter.Signal(null, 600) };
        VelocityCounter.Precount precount = velocity.precount(merchant, signals);
        assertNotNull(precount);
        assertNull(precount.counted(merchant, signals), "nothing ran it yet");
        precount.ran(VelocityCounter.SCRIPT.run(redis, precount.keys(), precount.args()).await().atMost(WAIT));

        VelocityCounter.Signal[] otherWindow = signals.clone();
        otherWindow[0] = new VelocityCounter.Signal(card, 300);
        assertNull(precount.counted(merchant, otherWindow), "another window: the rules count again");
        VelocityCounter.Counts again = velocity.count(merchant, otherWindow, precount).await().atMost(WAIT);
        assertArrayEquals(new long[] { 1, 0, 0, 0 }, again.counts(), "counted again as the same member: one payment");
        assertNull(precount.counted("m_other", signals), "another merchant");
        VelocityCounter.Counts counts = precount.counted(merchant, signals.clone());
        assertNotNull(counts);
        assertArrayEquals(new long[] { 1, 0, 0, 0 }, counts.counts());
        assertFalse(counts.fromDatabase());
        assertNull(precount.counted(merchant, signals), "a payment is counted once");
        redis.execute("DEL", precount.keys()[0]).await().atMost(WAIT);

        VelocityCounter.Signal[] none = { new VelocityCounter.Signal(null, 600), new VelocityCounter.Signal(null, 600),
                new VelocityCounter.Signal(null, 600), new VelocityCounter.Signal(null, 600) };
        assertNull(velocity.precount(merchant, none), "no signal: nothing to ride");
    }
}
