package dev.payrail.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Redis Cluster compatibility of the bucket keys, and the header syntax. */
class RateLimitKeysTest {

    @Test
    void everyKeyOfACallHashesToTheSlotOfItsTag() {
        String key = RateLimiter.key("payrail:", "merchant", "mer_4kTQn2H0aZx9Lm");
        assertEquals("payrail:rl:{merchant:mer_4kTQn2H0aZx9Lm}", key);
        assertEquals(slot("merchant:mer_4kTQn2H0aZx9Lm"), slot(key));
        String ipv6 = RateLimiter.key("payrail:", "auth_failure", "2001:db8::1");
        assertEquals(slot("auth_failure:2001:db8::1"), slot(ipv6));
    }

    @Test
    void bracesInAnIdCannotSplitTheTag() {
        String key = RateLimiter.key("p:", "order_attempt", "mer_1:ord}{x");
        assertEquals("p:rl:{order_attempt:mer_1:ord)(x}", key);
        assertEquals(slot("order_attempt:mer_1:ord)(x"), slot(key));
    }

    @Test
    void knownSlotsMatchRedis() {
        // Reference values from the Redis Cluster specification (CRC16-XMODEM, 16384 slots).
        assertEquals(0x31C3, crc16("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(slot("user1000"), slot("{user1000}.following"));
    }

    @Test
    void headersFollowTheDraftSyntax() {
        Limit limit = Limit.of("merchant", 100, Duration.ofSeconds(1), 200);
        Decision d = Decision.of(limit, true, 42, 180, 0, Decision.Source.REDIS);
        assertEquals("\"merchant\";q=100;w=1", d.policyHeader());
        assertEquals("\"merchant\";r=42;t=1", d.rateLimitHeader());
        Decision rejected = Decision.of(Limit.of("auth_failure", 20, Duration.ofMinutes(1), 20), false, 0, 59_001,
                2_001, Decision.Source.REDIS);
        assertEquals("\"auth_failure\";q=20;w=60", rejected.policyHeader());
        assertEquals("\"auth_failure\";r=0;t=60", rejected.rateLimitHeader());
        assertEquals(3, rejected.retryAfterSeconds());
        assertEquals(1, Decision.of(limit, false, 0, 5, 5, Decision.Source.REDIS).retryAfterSeconds(),
                "Retry-After is at least 1");
    }

    @Test
    void limitIntervalsAreExact() {
        Limit perHour = Limit.of("order_attempt", 5, Duration.ofHours(1), 5);
        assertEquals(720_000_000L, perHour.emissionIntervalMicros());
        assertEquals(3_600_000_000L, perHour.toleranceMicros());
        assertEquals(3600, perHour.windowSeconds());
        assertTrue(dev.payrail.common.RedisScript.isNoScript(new RuntimeException("NOSCRIPT No matching script. Please use EVAL.")));
        assertFalse(dev.payrail.common.RedisScript.isNoScript(new RuntimeException("ERR something else")));
    }

    /** Redis Cluster key slot: CRC16 of the hash tag when there is a non-empty one, else of the key. */
    static int slot(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                key = key.substring(open + 1, close);
            }
        }
        return crc16(key.getBytes(StandardCharsets.UTF_8)) & 16383;
    }

    static int crc16(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }
}
