package dev.payrail.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.payrail.common.CarriedWrites;
import dev.payrail.common.Ids;
import dev.payrail.common.RedisScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Sliding-window counts for the velocity rules: one sorted set per signal,
 * {@code <prefix>risk:{<merchant>}:<kind>:<value>}, holding one member per payment scored by Redis' own
 * clock. One {@code EVALSHA} per payment records the payment under each of its signals and returns the count in
 * each window, the payment included. All keys of a payment share the merchant's hash tag. A set keeps at most
 * {@value #MAX_MEMBERS} members, the newest (one more than the highest limit a merchant can set, so every rule
 * still sees its limit exceeded): a card or IP hammered by a load test costs a bounded set, not one member per
 * payment of the window.
 * <p>
 * When Redis does not answer, the counts come from PostgreSQL (the payments of the merchant carrying the
 * same signal in the window: the card's fingerprint in {@code method_details}, the others in
 * {@code risk.signals}), plus one for the payment being assessed. Every velocity rule therefore keeps
 * working without Redis, at the cost of one indexed query per payment.
 */
@ApplicationScoped
public class VelocityCounter {

    private static final Logger LOG = Logger.getLogger(VelocityCounter.class);

    /**
     * KEYS: the sets; ARGV[1]: the member; ARGV[2]: the most members a set keeps (the oldest go first);
     * ARGV[i + 2]: the window of KEYS[i] in ms. Returns the counts, each at most ARGV[2].
     */
    static final RedisScript SCRIPT = RedisScript.carrying("""
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
            """);

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

    /** Records the payment and counts each signal ({@code null} signals count 0). */
    Uni<Counts> count(String merchantId, Signal[] signals) {
        if (System.nanoTime() - redisSkipUntil.get() < 0) {
            return fromDatabase(merchantId, signals, null);
        }
        List<Integer> present = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        String tag = merchantId.replace('{', '(').replace('}', ')');
        for (int i = 0; i < signals.length; i++) {
            if (signals[i].value() != null) {
                present.add(i);
                keys.add(prefix + "risk:{" + tag + "}:" + KINDS[i] + ":" + signals[i].value());
            }
        }
        if (keys.isEmpty()) {
            return Uni.createFrom().item(new Counts(new long[signals.length], false));
        }
        List<String> args = new ArrayList<>();
        args.add(Ids.newId("vel_"));
        args.add(String.valueOf(MAX_MEMBERS));
        for (int i : present) {
            args.add(String.valueOf(signals[i].windowSeconds() * 1000L));
        }
        return writes.run(SCRIPT, keys.toArray(String[]::new), args.toArray(String[]::new))
                .ifNoItem().after(config.redisTimeout())
                .failWith(() -> new TimeoutException("Redis did not answer within " + config.redisTimeout()))
                .map(reply -> parse(reply, present, signals.length))
                .onFailure().recoverWithUni(failure -> {
                    redisSkipUntil.set(System.nanoTime() + config.redisDownBackoff().toNanos());
                    return fromDatabase(merchantId, signals, failure);
                });
    }

    private static Counts parse(Response reply, List<Integer> present, int size) {
        long[] counts = new long[size];
        for (int j = 0; j < present.size(); j++) {
            counts[present.get(j)] = reply.get(j).toLong();
        }
        return new Counts(counts, false);
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
