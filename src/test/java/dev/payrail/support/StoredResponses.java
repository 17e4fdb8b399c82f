package dev.payrail.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.payrail.common.CarriedWrites;
import io.quarkus.arc.Arc;

/**
 * Idempotent responses are stored after the request has answered ({@link CarriedWrites#post}): a test that
 * plays "Redis lost the key" waits for them to land first, or the write it races would put the key back.
 */
public final class StoredResponses {

    private StoredResponses() {
    }

    /** Returns once every write the gateway has made to Redis so far has been answered. */
    public static void landed() {
        CarriedWrites writes = Arc.container().instance(CarriedWrites.class).get();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2)).until(() -> writes.unanswered() == 0);
    }
}
