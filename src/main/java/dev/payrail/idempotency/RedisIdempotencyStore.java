package dev.payrail.idempotency;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The fast path: one {@code SET NX GET} claims a key or returns what it holds (one round trip),
 * and one {@code SET} stores the finished response.
 */
@ApplicationScoped
public class RedisIdempotencyStore {

    private final ReactiveRedisDataSource redis;
    private final String prefix;

    RedisIdempotencyStore(ReactiveRedisDataSource redis, @ConfigProperty(name = "payrail.redis.prefix") String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    String key(String scope, String key) {
        return prefix + "idem:{" + scope + "}:" + key;
    }

    public Uni<Claim> claim(String scope, String key, String fingerprint, Duration lockTimeout) {
        String pending = new JsonObject().put("s", "p").put("f", fingerprint).encode();
        return redis.execute("SET", key(scope, key), pending, "NX", "GET", "PX", Long.toString(lockTimeout.toMillis()))
                .map(reply -> {
                    if (reply == null) {
                        return Claim.claimed(false);
                    }
                    JsonObject held = new JsonObject(reply.toString());
                    if ("p".equals(held.getString("s"))) {
                        return new Claim(Claim.State.IN_PROGRESS, held.getString("f"), null, false);
                    }
                    return new Claim(Claim.State.COMPLETED, held.getString("f"),
                            StoredResponse.fromJson(held.getJsonObject("r")), false);
                });
    }

    public Uni<Void> complete(String scope, String key, String fingerprint, StoredResponse response, Duration ttl) {
        String done = new JsonObject().put("s", "c").put("f", fingerprint).put("r", response.toJson()).encode();
        return redis.execute("SET", key(scope, key), done, "PX", Long.toString(ttl.toMillis())).replaceWithVoid();
    }

    public Uni<Void> release(String scope, String key) {
        return redis.execute("DEL", key(scope, key)).replaceWithVoid();
    }
}
