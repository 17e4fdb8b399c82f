package dev.payrail.card;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardFingerprinterTest {

    private static final String PAN = "4242424242424242";

    @Test
    void fingerprintIsDeterministicPerKey() {
        CardFingerprinter fingerprinter = new CardFingerprinter("key-one");
        assertEquals(fingerprinter.fingerprint(PAN), fingerprinter.fingerprint(PAN));
        assertEquals(fingerprinter.fingerprint(PAN), new CardFingerprinter("key-one").fingerprint(PAN));
    }

    @Test
    void fingerprintDiffersAcrossKeysAndCards() {
        CardFingerprinter one = new CardFingerprinter("key-one");
        CardFingerprinter two = new CardFingerprinter("key-two");
        assertNotEquals(one.fingerprint(PAN), two.fingerprint(PAN));
        assertNotEquals(one.fingerprint(PAN), one.fingerprint("5555555555554444"));
    }

    @Test
    void fingerprintIsUnpaddedBase64UrlOfHmacSha256() {
        // The widely published vector HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog")
        // = f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8.
        String fingerprint = new CardFingerprinter("key").fingerprint("The quick brown fox jumps over the lazy dog");
        assertEquals("97yD9DBThCSxMpjmqm-xQ-9NWaFJRhdZl0edvC0aPNg", fingerprint);
        assertEquals(43, new CardFingerprinter("k").fingerprint(PAN).length());
        assertFalse(fingerprint.contains("="));
        assertFalse(fingerprint.contains(PAN));
    }

    @Test
    void blankKeyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CardFingerprinter(""));
        assertThrows(IllegalArgumentException.class, () -> new CardFingerprinter("  "));
        assertThrows(IllegalArgumentException.class, () -> new CardFingerprinter(null));
    }

    @Test
    void concurrentUseGivesTheSameResult() throws Exception {
        CardFingerprinter fingerprinter = new CardFingerprinter("key-one");
        String expected = fingerprinter.fingerprint(PAN);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> {
                    for (int j = 0; j < 200; j++) {
                        seen.add(fingerprinter.fingerprint(PAN));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertEquals(Set.of(expected), seen);
        assertTrue(seen.contains(expected));
    }
}
