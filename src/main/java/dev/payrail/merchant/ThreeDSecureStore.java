package dev.payrail.merchant;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.payrail.audit.Actor;
import dev.payrail.common.RequestIds;
import dev.payrail.common.TtlCache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A merchant's 3-D Secure rules in PostgreSQL (raw SQL: read on the payment path). Merchant-scoped.
 * <p>
 * Every card payment needs them, and they change rarely: {@link #find} serves them from a per-merchant
 * cache for {@code payrail.three-d-secure.cache-ttl} (default 5 s), so a busy merchant's payments skip a
 * round trip to PostgreSQL. A change through {@link #save} (or the seeder) empties this pod's entry at once;
 * the other pods of a deployment read the new rules when their entry expires, within the TTL (set it to
 * {@code 0s} to read them on every payment).
 */
@Singleton
public class ThreeDSecureStore {

    private static final String UPSERT = """
            WITH s AS (
                INSERT INTO merchant_three_d_secure (merchant_id, mode, default_threshold, thresholds, updated_at)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (merchant_id) DO UPDATE SET mode = EXCLUDED.mode,
                       default_threshold = EXCLUDED.default_threshold, thresholds = EXCLUDED.thresholds,
                       updated_at = EXCLUDED.updated_at
                RETURNING *),
            a AS (
                INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, created_at)
                SELECT $6, $7, $1, 'merchant.three_d_secure', $1, $8, $5 FROM s)
            SELECT * FROM s""";

    private final Pool pool;
    private final TtlCache<ThreeDSecureSettings> cache;

    ThreeDSecureStore(Pool pool,
            @ConfigProperty(name = "payrail.three-d-secure.cache-ttl", defaultValue = "5s") Duration ttl) {
        this.pool = pool;
        this.cache = new TtlCache<>(ttl);
    }

    /** The merchant's rules; a merchant that set none has {@link ThreeDSecureSettings#NEW_MERCHANT}. */
    public Uni<ThreeDSecureSettings> find(String merchantId) {
        ThreeDSecureSettings hit = cache.get(merchantId);
        if (hit != null) {
            return Uni.createFrom().item(hit);
        }
        TtlCache.Ticket ticket = cache.ticket();
        return read(merchantId).invoke(settings -> cache.keep(merchantId, settings, ticket));
    }

    private Uni<ThreeDSecureSettings> read(String merchantId) {
        return pool.preparedQuery("SELECT * FROM merchant_three_d_secure WHERE merchant_id = $1")
                .execute(Tuple.of(merchantId)).map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? from(it.next()) : ThreeDSecureSettings.NEW_MERCHANT;
                });
    }

    /** Replaces the merchant's rules, with an audit record. */
    public Uni<ThreeDSecureSettings> save(String merchantId, ThreeDSecureSettings s, Actor actor) {
        return pool.preparedQuery(UPSERT).execute(Tuple.from(new Object[] { merchantId, s.mode(), s.defaultThreshold(),
                new JsonObject(new LinkedHashMap<>(s.thresholds())), java.time.Instant.now().atOffset(ZoneOffset.UTC),
                actor.type(), actor.id(), RequestIds.current() }))
                .map(rows -> from(rows.iterator().next()))
                .invoke(saved -> cache.forget(merchantId));
    }

    /** Gives the merchant with this API key these rules unless it has some: whether it did. */
    Uni<Boolean> seed(String apiKeyId, ThreeDSecureSettings s) {
        return pool.preparedQuery("""
                INSERT INTO merchant_three_d_secure (merchant_id, mode, default_threshold, thresholds, updated_at)
                SELECT id, $2, $3, $4, now() FROM merchants WHERE api_key_id = $1
                ON CONFLICT (merchant_id) DO NOTHING RETURNING merchant_id""")
                .execute(Tuple.of(apiKeyId, s.mode(), s.defaultThreshold(), new JsonObject(new LinkedHashMap<>(s.thresholds()))))
                .map(rows -> rows.iterator().hasNext())
                .invoke(seeded -> cache.clear());
    }

    private static ThreeDSecureSettings from(Row r) {
        Map<String, Long> thresholds = new LinkedHashMap<>();
        JsonObject json = r.getJsonObject("thresholds");
        if (json != null) {
            json.forEach(e -> thresholds.put(e.getKey(), ((Number) e.getValue()).longValue()));
        }
        return new ThreeDSecureSettings(r.getString("mode"), r.getLong("default_threshold"), thresholds);
    }
}
