package dev.payrail.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.payrail.common.CarriedWrites;
import dev.payrail.common.LoopRedis;
import dev.payrail.common.RedisScript;
import dev.payrail.common.ScriptRider;
import dev.payrail.ratelimit.Decision;
import dev.payrail.ratelimit.DeferredLimit;
import dev.payrail.ratelimit.RateLimiter;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Response;

/**
 * The fast path: one {@code SET NX GET} claims a key or returns what it holds (one round trip),
 * and one {@code SET} stores the finished response. A keyed API request claims its key and passes
 * the merchant's rate limit in one script ({@link #claimWithinLimit}), so the two cost one round trip; a
 * new payment's velocity count rides in the same script ({@link ScriptRider}).
 * The stored response is a {@link CarriedWrites#post posted write}: it goes out inside the next script
 * that leaves within a few milliseconds (another request's claim, rate-limit check or velocity count), or
 * on its own after them; the request does not wait for it. Every claim is a carrying script, so a retry's
 * claim in this pod sees the answer.
 */
@Singleton
public class RedisIdempotencyStore {

    private final LoopRedis redis;
    private final RateLimiter limiter;
    private final CarriedWrites writes;
    private final String prefix;
    /** The claim scripts that carry a rider, by the rider's function. */
    private final Map<String, RedisScript> ridden = new ConcurrentHashMap<>();

    RedisIdempotencyStore(LoopRedis redis, RateLimiter limiter, CarriedWrites writes,
            @ConfigProperty(name = "payrail.redis.prefix") String prefix) {
        this.redis = redis;
        this.limiter = limiter;
        this.writes = writes;
        this.prefix = prefix;
    }

    /**
     * Loads the claim scripts at start, the limited claim and one per kind of rider, so that the first
     * requests do not pay for them (best effort).
     */
    void loadScripts(@Observes StartupEvent event, @All List<ScriptRider.Source> riders) {
        CLAIM.preload(redis, "Claim");
        LIMITED_CLAIM.preload(redis, "Limited-claim");
        for (ScriptRider.Source source : riders) {
            ridden.computeIfAbsent(source.function(), RedisIdempotencyStore::limitedClaim)
                    .preload(redis, "Limited-claim with a rider");
        }
    }

    String key(String scope, String key) {
        return prefix + "idem:{" + scope + "}:" + key;
    }

    /**
     * KEYS[1]: the idempotency key; ARGV[1]: the pending claim, ARGV[2]: its lock time in ms. Returns what the
     * key held before the claim (nil: the key is ours). A script, so that it carries the stored responses
     * waiting to go out: a retry's claim sees the answer its first request left in this pod.
     */
    static final RedisScript CLAIM = RedisScript.carrying("""
            return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'GET', 'PX', ARGV[2])
            """);

    public Uni<Claim> claim(String scope, String key, String fingerprint, Duration lockTimeout) {
        return writes.run(CLAIM, new String[] { key(scope, key) }, pending(fingerprint),
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
    static final RedisScript LIMITED_CLAIM = limitedClaim(null);

    /**
     * The limited claim ({@link #LIMITED_CLAIM} when {@code function} is {@code null}) that, given the Lua
     * {@code function} of a {@link ScriptRider}, then runs the rider when the key is claimed for this request,
     * on the rest of KEYS and ARGV (after the claim's two keys and five arguments), and returns its value as a
     * sixth element.
     */
    static RedisScript limitedClaim(String function) {
        String rider = function == null ? "" : """
                if not d[5] then
                  table.remove(KEYS, 1)
                  table.remove(KEYS, 1)
                  for i = 1, 5 do
                    table.remove(ARGV, 1)
                  end
                  d[6] = rider()
                end
                """;
        return RedisScript.carrying(RateLimiter.GCRA + (function == null ? "" : function) + """
                local d = gcra(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
                if d[1] == 0 then
                  return d
                end
                d[5] = redis.call('SET', KEYS[2], ARGV[4], 'NX', 'GET', 'PX', ARGV[5])
                """ + rider + "return d\n");
    }

    /** The limit's decision, and the claim when the request was allowed. */
    public record LimitedClaim(Decision decision, Claim claim) {
    }

    /**
     * Checks the merchant's {@code limit} and, when it allows, claims the key, and when the key is claimed for
     * this request runs {@code rider} ({@code null}: none): one round trip.
     */
    public Uni<LimitedClaim> claimWithinLimit(String scope, String key, String fingerprint, Duration lockTimeout,
            DeferredLimit limit, ScriptRider rider) {
        String[] gcra = RateLimiter.gcraArguments(limit.limit(), true);
        String[] keys = { limiter.key(limit.limit().name(), limit.id()), key(scope, key) };
        String[] args = { gcra[0], gcra[1], gcra[2], pending(fingerprint), Long.toString(lockTimeout.toMillis()) };
        RedisScript script = LIMITED_CLAIM;
        if (rider != null) {
            script = ridden.computeIfAbsent(rider.function(), RedisIdempotencyStore::limitedClaim);
            keys = concat(keys, rider.keys());
            args = concat(args, rider.args());
        }
        long start = System.nanoTime();
        return writes.run(script, keys, args).map(reply -> {
            Decision decision = limiter.decided(limit.limit(), reply, start);
            if (!decision.allowed()) {
                return new LimitedClaim(decision, null);
            }
            Claim claim = held(reply.get(4));
            if (rider != null && claim.state() == Claim.State.CLAIMED && reply.size() > 5) {
                rider.ran(reply.get(5));
            }
            return new LimitedClaim(decision, claim);
        });
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /**
     * Stores the finished response in place of the claim: a {@link CarriedWrites#post posted} write, which
     * rides in the next script that leaves this pod (every claim is one) or leaves on its own shortly after.
     * Completes once it is in Redis; the request does not wait for it.
     */
    public Uni<Void> complete(String scope, String key, String fingerprint, StoredResponse response, Duration ttl) {
        String done = new JsonObject().put("s", "c").put("f", fingerprint).put("r", response.toJson()).encode();
        return writes.post(key(scope, key), done, ttl);
    }

    public Uni<Void> release(String scope, String key) {
        return redis.execute("DEL", key(scope, key)).replaceWithVoid();
    }
}
