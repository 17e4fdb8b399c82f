package dev.payrail.connector.simulator;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.payrail.common.LoopRedis;
import dev.payrail.common.RedisScript;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * What the simulator must keep across a restart of the gateway, as a real provider keeps it: each
 * authorization's answer by our idempotency key, and where the payment stands by its reference.
 * In Redis, under the gateway's prefix, for a day (providers remember idempotency keys for hours).
 * Best effort: while Redis is down the simulator works from its memory alone, as before.
 */
@Singleton
public class SimulatorJournal {

    private static final Logger LOG = Logger.getLogger(SimulatorJournal.class);
    private static final Duration KEPT = Duration.ofHours(24);

    /** A payment as the simulator recorded it: its first answer and its stage. */
    public record Entry(ConnectorResult answer, PaymentStage stage, long captured) {
    }

    private final LoopRedis redis;
    private final String prefix;

    SimulatorJournal(LoopRedis redis, @ConfigProperty(name = "payrail.redis.prefix") String prefix) {
        this.redis = redis;
        this.prefix = prefix + "sim:";
    }

    /**
     * KEYS[1]: the idempotency key's entry, KEYS[2]: the reference's hash; ARGV[1]: their lifetime in ms,
     * ARGV[2]: the reference, then the hash's field, value, …. The reference already answered to the key, or
     * false when this one was recorded with its hash: claim and journal in one round trip, all or nothing.
     */
    static final RedisScript CLAIM_AND_RECORD = RedisScript.of("""
            local earlier = redis.call('SET', KEYS[1], ARGV[2], 'NX', 'GET', 'PX', ARGV[1])
            if earlier then
              return earlier
            end
            redis.call('HSET', KEYS[2], unpack(ARGV, 3))
            redis.call('PEXPIRE', KEYS[2], ARGV[1])
            return false
            """);

    /**
     * Claims {@code key} for {@code answer} and records the answer and {@code stage} under its reference, unless
     * the key already has an answer: the reference already recorded for it, or {@code null} when this one was
     * recorded (or Redis is down).
     */
    Uni<String> claimAndRecord(String key, ConnectorResult answer, PaymentStage stage, long captured) {
        String reference = answer.providerReference();
        return quietly(CLAIM_AND_RECORD.run(redis, new String[] { prefix + "key:" + key, prefix + "ref:" + reference },
                millis(), reference, "o", answer.outcome().name(), "e", nz(answer.errorCode()),
                "d", nz(answer.declineCode()), "m", nz(answer.message()), "a", nz(answer.actionUrl()),
                "s", stage == null ? "" : stage.name(), "c", Long.toString(captured))
                .map(r -> r == null ? null : r.toString()), null);
    }

    /** KEYS[1]: the hash; ARGV[1]: its lifetime in ms, then field, value, …: HSET and PEXPIRE in one round trip. */
    static final RedisScript HSET_PX = RedisScript.of("""
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            return redis.call('PEXPIRE', KEYS[1], ARGV[1])
            """);

    /** Moves a recorded payment to {@code stage} (a capture, a void). */
    Uni<Void> stage(String reference, PaymentStage stage, long captured) {
        return quietly(hsetKept(prefix + "ref:" + reference, "s", stage.name(), "c", Long.toString(captured)), null);
    }

    /** {@code HSET key fields…} and {@code PEXPIRE key}: one round trip. */
    private Uni<Void> hsetKept(String key, String... fieldsAndValues) {
        String[] args = new String[fieldsAndValues.length + 1];
        args[0] = millis();
        System.arraycopy(fieldsAndValues, 0, args, 1, fieldsAndValues.length);
        return HSET_PX.run(redis, new String[] { key }, args).replaceWithVoid();
    }

    /** The reference answered to {@code key}, or {@code null}; fails while Redis is down (the answer is not known). */
    Uni<String> referenceFor(String key) {
        return redis.execute("GET", prefix + "key:" + key).map(r -> r == null ? null : r.toString());
    }

    /** The payment recorded under {@code reference}, or {@code null}; fails while Redis is down. */
    Uni<Entry> find(String reference) {
        return redis.execute("HGETALL", prefix + "ref:" + reference).map(r -> entry(reference, r));
    }

    private static Entry entry(String reference, Response r) {
        if (r == null || r.size() == 0) {
            return null;
        }
        Map<String, String> f = new java.util.HashMap<>();
        if (r.getKeys() != null && !r.getKeys().isEmpty()) {
            for (String k : r.getKeys()) {
                f.put(k, r.get(k).toString());
            }
        } else {
            for (int i = 0; i + 1 < r.size(); i += 2) {
                f.put(r.get(i).toString(), r.get(i + 1).toString());
            }
        }
        if (!f.containsKey("o")) {
            return null;
        }
        ConnectorResult answer = switch (Outcome.valueOf(f.get("o"))) {
            case SUCCEEDED -> ConnectorResult.succeeded(reference);
            case DECLINED -> ConnectorResult.declined(reference, ez(f.get("e")), ez(f.get("d")), ez(f.get("m")));
            case REQUIRES_ACTION -> ConnectorResult.requiresAction(reference, ez(f.get("a")));
            default -> ConnectorResult.pending(reference, null);
        };
        String stage = f.getOrDefault("s", "");
        return new Entry(answer, stage.isEmpty() ? null : PaymentStage.valueOf(stage),
                Long.parseLong(f.getOrDefault("c", "0")));
    }

    private String millis() {
        return Long.toString(KEPT.toMillis());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String ez(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static <T> Uni<T> quietly(Uni<T> call, T otherwise) {
        return call.onFailure().recoverWithItem(t -> {
            LOG.debugf("simulator journal unavailable: %s", t.toString());
            return otherwise;
        });
    }
}
