package dev.payrail.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The bounded store of the in-process providers, without Quarkus. */
class RecentTest {

    private static Set<String> keys(Recent<String, String> r, String... candidates) {
        Set<String> held = new HashSet<>();
        for (String k : candidates) {
            if (r.get(k) != null) {
                held.add(k);
            }
        }
        return held;
    }

    @Test
    void keepsAtMostCapacityAndForgetsTheOldestInsertedFirst() {
        Recent<String, String> r = new Recent<>(3);
        r.put("a", "1");
        r.put("b", "2");
        r.put("c", "3");
        assertEquals(3, r.size());
        r.put("d", "4");
        assertEquals(3, r.size());
        assertEquals(Set.of("b", "c", "d"), keys(r, "a", "b", "c", "d"));
        r.putIfAbsent("e", "5");
        r.computeIfAbsent("f", k -> "6");
        assertEquals(3, r.size());
        assertEquals(Set.of("d", "e", "f"), keys(r, "a", "b", "c", "d", "e", "f"));
    }

    @Test
    void readingOrReplacingDoesNotMakeAnEntryYounger() {
        Recent<String, String> r = new Recent<>(2);
        r.put("a", "1");
        r.put("b", "2");
        assertEquals("1", r.get("a"));
        assertEquals("1", r.put("a", "1b"));
        assertEquals("1b", r.putIfAbsent("a", "ignored"));
        assertEquals("1b", r.computeIfAbsent("a", k -> "ignored"));
        r.put("c", "3");
        assertNull(r.get("a"), "a was inserted first, so it goes first");
        assertEquals("2", r.get("b"));
        assertEquals("3", r.get("c"));
    }

    @Test
    void aRemovedEntryFreesItsPlace() {
        Recent<String, String> r = new Recent<>(2);
        r.put("a", "1");
        r.put("b", "2");
        assertEquals("1", r.remove("a"));
        assertNull(r.remove("a"));
        r.put("c", "3");
        assertEquals(Set.of("b", "c"), keys(r, "a", "b", "c"));
        r.put("a", "again");
        assertEquals(Set.of("c", "a"), keys(r, "a", "b", "c"), "a re-inserted is the youngest");
    }

    @Test
    void clearForgetsEverythingAndLeavesRoomForCapacityNewEntries() {
        Recent<String, String> r = new Recent<>(2);
        r.put("a", "1");
        r.put("b", "2");
        r.clear();
        assertEquals(0, r.size());
        r.put("c", "3");
        r.put("d", "4");
        assertEquals(Set.of("c", "d"), keys(r, "a", "b", "c", "d"));
    }

    @Test
    void aFunctionThatMakesNothingStoresNothing() {
        Recent<String, String> r = new Recent<>(2);
        assertNull(r.computeIfAbsent("a", k -> null));
        assertEquals(0, r.size());
    }

    @Test
    void tellsWhatItForgotButNotWhatWasRemoved() {
        List<String> forgotten = new ArrayList<>();
        Recent<String, String> r = new Recent<>(2, (k, v) -> forgotten.add(k + "=" + v));
        r.put("a", "1");
        r.put("b", "2");
        r.remove("b");
        r.put("c", "3");
        r.put("d", "4");
        r.put("e", "5");
        assertEquals(List.of("a=1", "c=3"), forgotten);
    }

    @Test
    void rejectsANonPositiveCapacityAndNullValues() {
        assertThrows(IllegalArgumentException.class, () -> new Recent<String, String>(0));
        Recent<String, String> r = new Recent<>(1);
        assertThrows(NullPointerException.class, () -> r.put("a", null));
        assertThrows(NullPointerException.class, () -> r.putIfAbsent("a", null));
    }

    @Test
    void iteratesOverWhatItHolds() {
        Recent<String, Integer> r = new Recent<>(3);
        for (int i = 0; i < 10; i++) {
            r.put("k" + i, i);
        }
        List<Integer> values = new ArrayList<>();
        r.forEachValue(values::add);
        Collections.sort(values);
        assertEquals(List.of(7, 8, 9), values);
    }

    @Test
    void concurrentInsertsStayWithinTheBoundAndKeepTheNewest() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        Recent<String, Integer> r = new Recent<>(1_000);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String key = thread + ":" + i;
                        switch (i % 3) {
                            case 0 -> r.put(key, i);
                            case 1 -> r.putIfAbsent(key, i);
                            default -> r.computeIfAbsent(key, k -> Integer.valueOf(k.substring(k.indexOf(':') + 1)));
                        }
                        if (i % 7 == 0) {
                            r.remove(thread + ":" + (i / 2));
                        }
                        assertTrue(r.size() <= 1_000 + 2 * threads, "a pending entry or two per inserting thread at most");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(r.size() <= 1_000, "after the inserts returned: " + r.size());
        assertTrue(r.size() >= 1_000 - threads * 2, "full, minus what was removed lately: " + r.size());
        AtomicInteger counted = new AtomicInteger();
        r.forEachValue(v -> counted.incrementAndGet());
        assertEquals(r.size(), counted.get());
        // The order survived the races: 1,000 new entries push out exactly everything else.
        for (int i = 0; i < 1_000; i++) {
            r.put("after:" + i, -i);
        }
        assertEquals(1_000, r.size());
        for (int i = 0; i < 1_000; i++) {
            assertEquals(Integer.valueOf(-i), r.get("after:" + i));
        }
    }

    @Test
    void computeIfAbsentRunsOncePerRememberedKey() throws Exception {
        Recent<String, Integer> r = new Recent<>(100);
        AtomicInteger runs = new AtomicInteger();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return r.computeIfAbsent("key", k -> {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return runs.incrementAndGet();
                    });
                }));
            }
            start.countDown();
            for (Future<Integer> a : answers) {
                assertEquals(1, a.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, runs.get());
    }
}
