package dev.payrail.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2)).until(writes::settled);
    }

    /** Redis loses every idempotency key of the tests, once their stored responses have landed; how many. */
    public static int loseAll() throws IOException {
        landed();
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            return redis.deleteByPrefix(TestEnvironment.REDIS_PREFIX + "idem:");
        }
    }

    /** Redis loses the idempotency key {@code key} of {@code merchantId}, once its stored response has landed. */
    public static void lose(Object merchantId, String key) throws IOException {
        landed();
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            redis.call("DEL", TestEnvironment.REDIS_PREFIX + "idem:{" + merchantId + "}:" + key);
        }
    }
}
