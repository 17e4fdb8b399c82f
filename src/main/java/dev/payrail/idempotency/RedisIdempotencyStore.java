package dev.payrail.idempotency;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.payrail.common.CarriedWrites;
import dev.payrail.common.RedisScript;
import dev.payrail.ratelimit.Decision;
import dev.payrail.ratelimit.DeferredLimit;
import dev.payrail.ratelimit.RateLimiter;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Response;

/**
 * The fast path: one {@code SET NX GET} claims a key or returns what it holds (one round trip),
 * and one {@code SET} stores the finished response. A keyed API request claims its key and passes
 * the merchant's rate limit in one script ({@link #claimWithinLimit}), so the two cost one round trip.
 * The stored response is a {@link CarriedWrites carried write}: it goes out inside the next script
 * that leaves (another request's claim, rate-limit check or velocity count), or with the other
 * responses finished in the same event-loop turn, and the request answers once it is in Redis.
 */
@ApplicationScoped
public class RedisIdempotencyStore {

    private final ReactiveRedisDataSource redis;
    private final RateLimiter limiter;
    private final CarriedWrites writes;
    private final String prefix;

    RedisIdempotencyStore(ReactiveRedisDataSource redis, RateLimiter limiter, CarriedWrites writes,
            @ConfigProperty(name = "payrail.redis.prefix") String prefix) {
        this.redis = redis;
        this.limiter = limiter;
        this.writes = writes;
        this.prefix = prefix;
    }

    String key(String scope, String key) {
        return prefix + "idem:{" + scope + "}:" + key;
    }

    public Uni<Claim> claim(String scope, String key, String fingerprint, Duration lockTimeout) {
        return redis.execute("SET", key(scope, key), pending(fingerprint), "NX", "GET", "PX",
                Long.toString(lockTimeout.toMillis())).map(RedisIdempotencyStore::held);
    }

    private static String pending(String fingerprint) {
        return new JsonObject().put("s", "p").put("f", fingerprint).encode();
    }

    /** The claim, from what the key held before it ({@code null}: nothing, the key is ours). */
    private static Claim held(Response reply) {
        if (reply == null) {
            return Claim.claimed(false);
        }
        JsonObject held = new JsonObject(reply.toString());
        if ("p".equals(held.getString("s"))) {
            return new Claim(Claim.State.IN_PROGRESS, held.getString("f"), null, false);
        }
        return new Claim(Claim.State.COMPLETED, held.getString("f"), StoredResponse.fromJson(held.getJsonObject("r")),
                false);
    }

    /**
     * KEYS[1]: the merchant's rate-limit bucket, KEYS[2]: the idempotency key; ARGV[1..3]: the limit
     * ({@link RateLimiter#gcraArguments}), ARGV[4]: the pending claim, ARGV[5]: its lock time in ms.
     * Returns the limit's decision (four numbers); when allowed, a fifth element: what the key held
     * before the claim (nil: the key is ours). A refused request claims nothing.
     */
    static final RedisScript LIMITED_CLAIM = RedisScript.carrying(RateLimiter.GCRA + """
            local d = gcra(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
            if d[1] == 0 then
              return d
            end
            d[5] = redis.call('SET', KEYS[2], ARGV[4], 'NX', 'GET', 'PX', ARGV[5])
            return d
            """);

    /** The limit's decision, and the claim when the request was allowed. */
    public record LimitedClaim(Decision decision, Claim claim) {
    }

    /** Checks the merchant's {@code limit} and, when it allows, claims the key: one round trip. */
    public Uni<LimitedClaim> claimWithinLimit(String scope, String key, String fingerprint, Duration lockTimeout,
            DeferredLimit limit) {
        String[] gcra = RateLimiter.gcraArguments(limit.limit(), true);
        long start = System.nanoTime();
        return writes.run(LIMITED_CLAIM, new String[] { limiter.key(limit.limit().name(), limit.id()), key(scope, key) },
                gcra[0], gcra[1], gcra[2], pending(fingerprint), Long.toString(lockTimeout.toMillis()))
                .map(reply -> {
                    Decision decision = limiter.decided(limit.limit(), reply, start);
                    return new LimitedClaim(decision, decision.allowed() ? held(reply.get(4)) : null);
                });
    }

    public Uni<Void> complete(String scope, String key, String fingerprint, StoredResponse response, Duration ttl) {
        String done = new JsonObject().put("s", "c").put("f", fingerprint).put("r", response.toJson()).encode();
        return writes.set(key(scope, key), done, ttl);
    }

    public Uni<Void> release(String scope, String key) {
        return redis.execute("DEL", key(scope, key)).replaceWithVoid();
    }
}
