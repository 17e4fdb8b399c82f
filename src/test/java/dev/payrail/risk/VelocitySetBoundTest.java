package dev.payrail.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.payrail.card.CardFingerprinter;
import dev.payrail.common.LoopRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Response;

/**
 * A velocity set keeps its newest members only, so a card or IP hammered by a load test costs Redis a bounded
 * set, while every rule still sees its limit exceeded.
 */
@QuarkusTest
class VelocitySetBoundTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    LoopRedis redis;
    @Inject
    CardFingerprinter fingerprints;
    @ConfigProperty(name = "payrail.redis.prefix")
    String prefix;

    @Test
    void theScriptKeepsTheNewestMembersUpToItsCapAndCountsAtMostTheCap() {
        String key = prefix + "risk:{test-bound-" + System.nanoTime() + "}:card:x";
        List<Long> counts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Response reply = VelocityCounter.SCRIPT.run(redis, new String[] { key }, "m" + i, "3", "600000")
                    .await().atMost(WAIT);
            counts.add(reply.get(0).toLong());
        }
        assertEquals(List.of(1L, 2L, 3L, 3L, 3L), counts);
        Response members = redis.execute("ZRANGE", key, "0", "-1").await().atMost(WAIT);
        List<String> kept = new ArrayList<>();
        members.forEach(m -> kept.add(m.toString()));
        assertEquals(List.of("m3", "m4", "m5"), kept, "the oldest went first");
        long ttl = redis.execute("PTTL", key).await().atMost(WAIT).toLong();
        assertTrue(ttl > 0 && ttl <= 600_000, "the set expires with its window: " + ttl);
        redis.execute("DEL", key).await().atMost(WAIT);
    }

    @Test
    void aCardPastTheBoundIsStillOverItsLimitAndItsSetStaysBounded() {
        var shop = RiskFixtures.shop();
        shop.settings("{\"risk_threshold\":90,\"review_threshold\":30,"
                + "\"card_velocity\":{\"limit\":2,\"window_seconds\":600,\"points\":40}}");
        String key = prefix + "risk:{" + shop.id() + "}:card:" + fingerprints.fingerprint(RiskFixtures.VISA);
        // the card's set as a load test leaves it: as many recent payments as the set keeps
        List<String> args = new ArrayList<>(List.of(key));
        long now = System.currentTimeMillis();
        for (int i = 0; i < VelocityCounter.MAX_MEMBERS; i++) {
            args.add(String.valueOf(now));
            args.add("earlier_" + i);
        }
        redis.execute("ZADD", args.toArray(String[]::new)).await().atMost(WAIT);

        JsonPath p = shop.pay(RiskFixtures.card(1000, "USD", RiskFixtures.VISA, "automatic")).then().statusCode(201)
                .extract().jsonPath();
        assertEquals("review", p.getString("risk.decision"));
        assertEquals("velocity_card", p.getString("risk.reasons[0].rule"));
        assertEquals("more than 10000 payments with this card in 600 s (limit 2)", p.getString("risk.reasons[0].detail"));
        assertEquals(VelocityCounter.MAX_MEMBERS, redis.execute("ZCARD", key).await().atMost(WAIT).toLong(),
                "the payment's member went in and the oldest went out");
        assertNull(redis.execute("ZSCORE", key, "earlier_0").await().atMost(WAIT), "the oldest member is gone");
        redis.execute("DEL", key).await().atMost(WAIT);
    }
}
