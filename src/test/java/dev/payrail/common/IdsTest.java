package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsArePrefixedBase62OfTheRequestedLength() {
        String id = Ids.newId("pay_");
        assertTrue(id.matches("pay_[0-9A-Za-z]{14}"), id);
        for (int length : new int[] { 1, 7, 18, 24, 32, 100 }) {
            String r = Ids.random(length);
            assertEquals(length, r.length());
            assertTrue(Ids.isBase62(r), r);
        }
    }

    @Test
    void aPrefixIsKeptAsItIsAndMustBeAscii() {
        assertTrue(Ids.newId("evt_").startsWith("evt_"));
        assertEquals(14, Ids.newId("").length());
        assertThrows(IllegalArgumentException.class, () -> Ids.newId("pé_"));
    }

    @Test
    void idsOfOneThreadKeepComingPastTheBytesItDrewAhead() {
        // 256 bytes drawn at a time, about twenty identifiers: thousands of them cross many refills.
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String id = Ids.newId("x_");
            assertTrue(id.matches("x_[0-9A-Za-z]{14}"), id);
            assertTrue(seen.add(id), "repeated id " + id);
        }
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(Ids.newId("")), "repeated id");
        }
    }

    @Test
    void everyCharacterIsAboutEquallyLikely() {
        int[] counts = new int[128];
        int n = 620_000;
        String s = Ids.random(n);
        for (int i = 0; i < n; i++) {
            counts[s.charAt(i)]++;
        }
        // 62 symbols, 10,000 expected each; 5 sigma is 500. A bias to the first two symbols
        // (modulo 64 instead of rejection) would give 20,000 to '0' and '1'.
        for (char c : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray()) {
            assertTrue(Math.abs(counts[c] - 10_000) < 500, c + ": " + counts[c]);
        }
    }

    @Test
    void generatorsOfDifferentThreadsDoNotCollide() throws Exception {
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    seen.add(Ids.newId("x_"));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(80_000, seen.size());
    }
}
