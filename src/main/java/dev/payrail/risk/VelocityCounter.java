package dev.payrail.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.payrail.common.CarriedWrites;
import dev.payrail.common.Ids;
import dev.payrail.common.LoopRedis;
import dev.payrail.common.RedisScript;
import dev.payrail.common.ScriptRider;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Sliding-window counts for the velocity rules: one sorted set per signal,
 * {@code <prefix>risk:{<merchant>}:<kind>:<value>}, holding one member per payment scored by Redis' own
 * clock. One script per payment records the payment under each of its signals and returns the count in each
 * window, the payment included: a script of its own, or, for a keyed API payment whose signals and windows are
 * known before its idempotency claim, that claim ({@link Precount}, {@link RiskEngine#precount}), so that the
 * claim, the merchant's rate limit and the count cost one round trip. All keys of a payment share the merchant's hash tag. A set keeps at most
 * {@value #MAX_MEMBERS} members, the newest (one more than the highest limit a merchant can set, so every rule
 * still sees its limit exceeded): a card or IP hammered by a load test costs a bounded set, not one member per
 * payment of the window.
 * <p>
 * When Redis does not answer, the counts come from PostgreSQL (the payments of the merchant carrying the
 * same signal in the window: the card's fingerprint in {@code method_details}, the others in
 * {@code risk.signals}), plus one for the payment being assessed. Every velocity rule therefore keeps
 * working without Redis, at the cost of one indexed query per payment.
 */
@Singleton
public class VelocityCounter {

    private static final Logger LOG = Logger.getLogger(VelocityCounter.class);

    /**
     * {@code rider()}: KEYS: the sets; ARGV[1]: the member; ARGV[2]: the most members a set keeps (the oldest go
     * first); ARGV[i + 2]: the window of KEYS[i] in ms. Returns the counts, each at most ARGV[2]. A function,
     * so that an idempotency claim can run it too ({@link Precount}).
     */
    public static final String COUNT = """
            local function rider()
              local t = redis.call('TIME')
              local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
              local cap = tonumber(ARGV[2])
              local counts = {}
              for i, key in ipairs(KEYS) do
                local window = tonumber(ARGV[i + 2])
                redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
                redis.call('ZADD', key, now, ARGV[1])
                local n = redis.call('ZCARD', key)
                if n > cap then
                  redis.call('ZREMRANGEBYRANK', key, 0, n - cap - 1)
                  n = cap
                end
                redis.call('PEXPIRE', key, window)
                counts[i] = n
              end
              return counts
            end
            """;

    /** The count on its own: one {@code EVALSHA} per payment. */
    static final RedisScript SCRIPT = RedisScript.carrying(COUNT + "return rider()\n");

    /** The most members a velocity set keeps: one more than the highest limit {@link RiskSettings} accepts. */
    static final int MAX_MEMBERS = RiskSettings.MAX_VELOCITY_LIMIT + 1;

    /** The kinds, in the order of {@link Signal} arrays. */
    static final String[] KINDS = { "card", "customer", "email", "ip" };

    /** One signal of the payment and its window. */
    record Signal(String value, int windowSeconds) {
    }

    /** The counts, and whether they came from PostgreSQL. */
    record Counts(long[] counts, boolean fromDatabase) {
    }

    private final CarriedWrites writes;
    private final RiskStore store;
    private final RiskConfig config;
    private final MeterRegistry registry;
    private final String prefix;
    private final AtomicLong redisSkipUntil = new AtomicLong(System.nanoTime());

    VelocityCounter(CarriedWrites writes, RiskStore store, RiskConfig config, MeterRegistry registry,
            @ConfigProperty(name = "payrail.redis.prefix") String prefix) {
        this.writes = writes;
        this.store = store;
        this.config = config;
        this.registry = registry;
        this.prefix = prefix;
    }

    /** Loads the count's script at start, so that the first payment does not pay for it (best effort). */
    void loadScript(@Observes StartupEvent event, LoopRedis redis) {
        SCRIPT.preload(redis, "Velocity");
    }

    /**
     * Records the payment and counts each signal ({@code null} signals count 0). {@code precount}: the count a
     * script of the request was to run for it and the rules could not take ({@code null}: none); the payment
     * is recorded as the same member, so that a count Redis ran after all is not a second payment.
     */
    Uni<Counts> count(String merchantId, Signal[] signals, Precount precount) {
        if (System.nanoTime() - redisSkipUntil.get() < 0) {
            return fromDatabase(merchantId, signals, null);
        }
        Precount call = prepare(merchantId, signals, precount == null ? Ids.newId("vel_") : precount.args[0]);
        if (call.keys.length == 0) {
            return Uni.createFrom().item(new Counts(new long[signals.length], false));
        }
        return writes.run(SCRIPT, call.keys, call.args)
                .ifNoItem().after(config.redisTimeout())
                .failWith(() -> new TimeoutException("Redis did not answer within " + config.redisTimeout()))
                .map(reply -> call.parse(reply))
                .onFailure().recoverWithUni(failure -> {
                    redisSkipUntil.set(System.nanoTime() + config.redisDownBackoff().toNanos());
                    return fromDatabase(merchantId, signals, failure);
                });
    }

    /**
     * The count of {@code signals} as a {@link ScriptRider}, for a script that leaves before the rules run
     * (the payment's idempotency claim); {@code null} when Redis is being skipped or no signal is present.
     */
    Precount precount(String merchantId, Signal[] signals) {
        if (System.nanoTime() - redisSkipUntil.get() < 0) {
            return null;
        }
        Precount p = prepare(merchantId, signals, Ids.newId("vel_"));
        return p.keys.length == 0 ? null : p;
    }

    /** The keys and arguments of the count of {@code signals}, recording the payment as {@code member}. */
    private Precount prepare(String merchantId, Signal[] signals, String member) {
        List<Integer> present = new ArrayList<>(signals.length);
        List<String> keys = new ArrayList<>(signals.length);
        String tag = merchantId.replace('{', '(').replace('}', ')');
        for (int i = 0; i < signals.length; i++) {
            if (signals[i].value() != null) {
                present.add(i);
                keys.add(prefix + "risk:{" + tag + "}:" + KINDS[i] + ":" + signals[i].value());
            }
        }
        String[] args = new String[2 + present.size()];
        args[0] = member;
        args[1] = String.valueOf(MAX_MEMBERS);
        for (int j = 0; j < present.size(); j++) {
            args[2 + j] = String.valueOf(signals[present.get(j)].windowSeconds() * 1000L);
        }
        return new Precount(merchantId, signals, present, keys.toArray(String[]::new), args);
    }

    /**
     * One payment's count: its keys and arguments, and once a script has run it, the counts. As a
     * {@link ScriptRider} it rides in an earlier script of the request; the rules take its counts only for the
     * very signals it counted ({@link #counted}), and only once.
     */
    public static final class Precount implements ScriptRider {

        private final String merchantId;
        private final Signal[] signals;
        private final List<Integer> present;
        private final String[] keys;
        private final String[] args;
        private final AtomicReference<Counts> counts = new AtomicReference<>();

        private Precount(String merchantId, Signal[] signals, List<Integer> present, String[] keys, String[] args) {
            this.merchantId = merchantId;
            this.signals = signals;
            this.present = present;
            this.keys = keys;
            this.args = args;
        }

        @Override
        public String function() {
            return COUNT;
        }

        @Override
        public String[] keys() {
            return keys;
        }

        @Override
        public String[] args() {
            return args;
        }

        @Override
        public void ran(Response value) {
            counts.set(parse(value));
        }

        private Counts parse(Response reply) {
            long[] found = new long[signals.length];
            for (int j = 0; j < present.size(); j++) {
                found[present.get(j)] = reply.get(j).toLong();
            }
            return new Counts(found, false);
        }

        /**
         * The counts, when a script ran this count for {@code merchantId} and exactly {@code wanted} (the same
         * values and windows); {@code null} otherwise, and on any later call: a payment is counted once.
         */
        Counts counted(String merchantId, Signal[] wanted) {
            if (!this.merchantId.equals(merchantId) || !Arrays.equals(signals, wanted)) {
                return null;
            }
            return counts.getAndSet(null);
        }
    }

    private Uni<Counts> fromDatabase(String merchantId, Signal[] signals, Throwable failure) {
        if (failure != null) {
            LOG.warnf("Redis unreachable for the velocity rules (%s): counting in PostgreSQL", failure.toString());
        }
        registry.counter("payrail.risk.velocity.fallback").increment();
        Instant now = Instant.now();
        String[] values = new String[signals.length];
        Instant[] since = new Instant[signals.length];
        for (int i = 0; i < signals.length; i++) {
            values[i] = signals[i].value();
            since[i] = now.minusSeconds(signals[i].windowSeconds());
        }
        return store.counts(merchantId, values, since).map(found -> {
            long[] counts = new long[signals.length];
            for (int i = 0; i < signals.length; i++) {
                counts[i] = values[i] == null ? 0 : found[i] + 1;
            }
            return new Counts(counts, true);
        });
    }
}
