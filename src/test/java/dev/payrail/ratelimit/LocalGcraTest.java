package dev.payrail.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The per-pod fallback bucket, on a hand-driven clock. */
class LocalGcraTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LocalGcra gcra = new LocalGcra(nanos::get, 1000);
    private final Limit tenPerSecondBurstFive = Limit.of("merchant", 10, Duration.ofSeconds(1), 5);

    private void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000);
    }

    @Test
    void fullBucketAdmitsTheBurstAtOnceThenRejects() {
        for (int i = 0; i < 5; i++) {
            Decision d = gcra.check(tenPerSecondBurstFive, "m1", true);
            assertTrue(d.allowed(), "request " + i);
            assertEquals(4 - i, d.remaining());
            assertEquals(Decision.Source.LOCAL, d.source());
        }
        Decision rejected = gcra.check(tenPerSecondBurstFive, "m1", true);
        assertFalse(rejected.allowed());
        assertEquals(0, rejected.remaining());
        assertEquals(1, rejected.retryAfterSeconds(), "retry-after is rounded up to a whole second, at least 1");
        assertEquals(1, rejected.resetSeconds());
    }

    @Test
    void refillsAtTheSustainedRate() {
        for (int i = 0; i < 5; i++) {
            gcra.check(tenPerSecondBurstFive, "m1", true);
        }
        assertFalse(gcra.check(tenPerSecondBurstFive, "m1", true).allowed());
        advanceMillis(99);
        assertFalse(gcra.check(tenPerSecondBurstFive, "m1", true).allowed(), "one interval is 100 ms");
        advanceMillis(1);
        assertTrue(gcra.check(tenPerSecondBurstFive, "m1", true).allowed());
        assertFalse(gcra.check(tenPerSecondBurstFive, "m1", true).allowed());
    }

    @Test
    void steadyLoadAtTwiceTheRateIsAdmittedAtTheRatePlusTheBurst() {
        int admitted = 0;
        for (int tick = 0; tick < 200; tick++) { // 10 s at 20 requests per second
            if (gcra.check(tenPerSecondBurstFive, "m1", true).allowed()) {
                admitted++;
            }
            advanceMillis(50);
        }
        assertEquals(5 + 10 * 10 - 1, admitted, 1);
    }

    @Test
    void aLookDoesNotConsume() {
        for (int i = 0; i < 10; i++) {
            assertTrue(gcra.check(tenPerSecondBurstFive, "m1", false).allowed());
        }
        assertEquals(4, gcra.check(tenPerSecondBurstFive, "m1", true).remaining());
    }

    @Test
    void keysAndLimitsHaveSeparateBuckets() {
        for (int i = 0; i < 5; i++) {
            gcra.check(tenPerSecondBurstFive, "m1", true);
        }
        assertFalse(gcra.check(tenPerSecondBurstFive, "m1", true).allowed());
        assertTrue(gcra.check(tenPerSecondBurstFive, "m2", true).allowed());
        assertTrue(gcra.check(Limit.of("public", 10, Duration.ofSeconds(1), 5), "m1", true).allowed());
    }

    @Test
    void aFullTableDropsExpiredBucketsFirst() {
        LocalGcra small = new LocalGcra(nanos::get, 3);
        small.check(tenPerSecondBurstFive, "a", true);
        small.check(tenPerSecondBurstFive, "b", true);
        small.check(tenPerSecondBurstFive, "c", true);
        advanceMillis(1000);
        small.check(tenPerSecondBurstFive, "d", true);
        assertEquals(1, small.size());
    }
}
