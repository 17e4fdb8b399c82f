package dev.payrail.risk;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.payrail.common.Json;
import dev.payrail.common.TtlCache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The risk tables and the PostgreSQL side of the rules; every query is scoped to the merchant.
 * <p>
 * Most payments name no customer, and most merchants keep no block list: for those {@link #context} needs
 * only the merchant's settings and whether it has any block-list entry, which it keeps per merchant for
 * {@code payrail.risk.cache-ttl} (default 5 s) from the last full read, so their payments skip a round trip
 * to PostgreSQL. A change of the settings or the block list through this pod empties its entry at once;
 * the other pods of a deployment see it when their entry expires, within the TTL ({@code 0s}: read on every
 * payment). A payment naming a customer, or of a merchant with a block list, always reads.
 */
@Singleton
public class RiskStore {

    /** Statuses of payments that count as the customer's usual amounts. */
    static final String SETTLED = "('authorized', 'captured', 'partially_refunded', 'refunded')";

    /**
     * Everything the rules need from PostgreSQL in one round trip: the settings, the customer's e-mail, the
     * block-list entries the payment matches, and the customer's recent amounts in the currency.
     */
    private static final String CONTEXT = """
            WITH c AS (SELECT lower(email) AS email FROM customers
                        WHERE id = $2::varchar AND merchant_id = $1 AND deleted_at IS NULL),
                 e AS (SELECT coalesce((SELECT email FROM c), $3::varchar) AS email)
            SELECT (SELECT settings FROM risk_settings WHERE merchant_id = $1) AS settings,
                   (SELECT email FROM e) AS email,
                   ARRAY(SELECT b.type || ':' || b.id FROM risk_blocklist b WHERE b.merchant_id = $1 AND (
                          (b.type = 'card_fingerprint' AND b.value = $4::varchar) OR (b.type = 'bin' AND b.value = $5::varchar)
                          OR (b.type = 'ip' AND b.value = $6::varchar) OR (b.type = 'email' AND b.value = (SELECT email FROM e)))
                          ORDER BY b.type, b.id) AS blocked,
                   h.n AS history_count, h.average AS history_average,
                   EXISTS (SELECT 1 FROM risk_blocklist WHERE merchant_id = $1) AS any_blocked
              FROM (SELECT count(*) AS n, coalesce(round(avg(amount)), 0)::bigint AS average FROM payments p
                     WHERE $2::varchar IS NOT NULL AND p.merchant_id = $1 AND p.risk -> 'signals' ->> 'customer' = $2::varchar
                       AND p.currency = $7 AND p.status IN %s AND p.created_at >= $8) h
            """.formatted(SETTLED);

    /** The payments of the merchant with each signal in its window: the velocity rules without Redis. */
    private static final String COUNTS = """
            SELECT count(*) FILTER (WHERE method_details ->> 'fingerprint' = $3::varchar AND created_at >= $4) AS card,
                   count(*) FILTER (WHERE risk -> 'signals' ->> 'customer' = $5::varchar AND created_at >= $6) AS customer,
                   count(*) FILTER (WHERE risk -> 'signals' ->> 'email' = $7::varchar AND created_at >= $8) AS email,
                   count(*) FILTER (WHERE risk -> 'signals' ->> 'ip' = $9::varchar AND created_at >= $10) AS ip
              FROM payments WHERE merchant_id = $1 AND created_at >= $2
            """;

    /** What a payment without a customer needs of the merchant when it has no block list. */
    private record Known(RiskSettings settings, boolean anyBlocked) {
    }

    private final Pool pool;
    private final Json json;
    private final TtlCache<Known> known;

    RiskStore(Pool pool, Json json, @ConfigProperty(name = "payrail.risk.cache-ttl", defaultValue = "5s") Duration ttl) {
        this.pool = pool;
        this.json = json;
        this.known = new TtlCache<>(ttl);
    }

    /** What {@link #context} found. */
    record Context(RiskSettings settings, String email, List<String> blocked, long historyCount, long historyAverage) {
    }

    Uni<Context> context(RiskRequest r, String email, Instant historySince) {
        Known k = r.customer() == null ? known.get(r.merchantId()) : null;
        if (k != null && !k.anyBlocked()) {
            // what the query would answer: no customer (so no history, the payment's own e-mail), no entry
            return Uni.createFrom().item(new Context(k.settings(), email, List.of(), 0, 0));
        }
        TtlCache.Ticket ticket = known.ticket();
        return pool.preparedQuery(CONTEXT).execute(Tuple.from(new Object[] { r.merchantId(), r.customer(), email,
                r.cardFingerprint(), r.bin(), r.clientIp(), r.currency(), historySince.atOffset(ZoneOffset.UTC) }))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    String[] blocked = row.getArrayOfStrings("blocked");
                    RiskSettings settings = settings(row.getJsonObject("settings"));
                    known.keep(r.merchantId(), new Known(settings, row.getBoolean("any_blocked")), ticket);
                    return new Context(settings, row.getString("email"),
                            blocked == null ? List.of() : Arrays.asList(blocked), row.getLong("history_count"),
                            row.getLong("history_average"));
                });
    }

    /**
     * The merchant's settings as this pod last read them, while that read is younger than the cache's TTL;
     * {@code null} otherwise (no read yet, expired, or changed through this pod since).
     */
    RiskSettings cachedSettings(String merchantId) {
        Known k = known.get(merchantId);
        return k == null ? null : k.settings();
    }

    /** One count per velocity signal, in PostgreSQL; {@code null} signals count 0. */
    Uni<long[]> counts(String merchantId, String[] values, Instant[] since) {
        Instant earliest = Arrays.stream(since).min(Instant::compareTo).orElseThrow();
        List<Object> args = new ArrayList<>();
        args.add(merchantId);
        args.add(earliest.atOffset(ZoneOffset.UTC));
        for (int i = 0; i < 4; i++) {
            args.add(values[i]);
            args.add(since[i].atOffset(ZoneOffset.UTC));
        }
        return pool.preparedQuery(COUNTS).execute(Tuple.from(args)).map(rows -> {
            Row row = rows.iterator().next();
            return new long[] { row.getLong("card"), row.getLong("customer"), row.getLong("email"), row.getLong("ip") };
        });
    }

    /** The merchant's settings, complete (defaults where it has none). */
    public Uni<RiskSettings> settings(String merchantId) {
        return pool.preparedQuery("SELECT settings FROM risk_settings WHERE merchant_id = $1").execute(Tuple.of(merchantId))
                .map(rows -> {
                    var it = rows.iterator();
                    return settings(it.hasNext() ? it.next().getJsonObject("settings") : null);
                });
    }

    Uni<RiskSettings> saveSettings(String merchantId, RiskSettings settings) {
        return pool.preparedQuery("""
                INSERT INTO risk_settings (merchant_id, settings, updated_at) VALUES ($1, $2, $3)
                ON CONFLICT (merchant_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(merchantId, new JsonObject(json.write(settings)), Instant.now().atOffset(ZoneOffset.UTC)))
                .invoke(() -> known.forget(merchantId))
                .replaceWith(settings);
    }

    private RiskSettings settings(JsonObject stored) {
        if (stored == null) {
            return RiskSettings.DEFAULTS;
        }
        try {
            return json.mapper().readValue(stored.encode(), RiskSettings.class).over(RiskSettings.DEFAULTS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable risk settings", e);
        }
    }

    Uni<BlocklistEntry> insertEntry(BlocklistEntry e) {
        return pool.preparedQuery("""
                INSERT INTO risk_blocklist (id, merchant_id, type, value, note, created_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (merchant_id, type, value) DO NOTHING RETURNING id""")
                .execute(Tuple.from(new Object[] { e.id(), e.merchantId(), e.type(), e.value(), e.note(),
                        e.createdAt().atOffset(ZoneOffset.UTC) }))
                .invoke(() -> known.forget(e.merchantId()))
                .map(rows -> rows.size() == 0 ? null : e);
    }

    Uni<BlocklistEntry> findEntry(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + BlocklistEntry.COLUMNS + " FROM risk_blocklist WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId))
                .map(rows -> rows.size() == 0 ? null : BlocklistEntry.from(rows.iterator().next()));
    }

    Uni<List<BlocklistEntry>> listEntries(String merchantId, String type, String startingAfter, int fetch) {
        dev.payrail.common.SqlQuery q = new dev.payrail.common.SqlQuery().and("merchant_id = ?", merchantId)
                .andIf(type != null, "type = ?", type).after("risk_blocklist", startingAfter, merchantId);
        String sql = "SELECT " + BlocklistEntry.COLUMNS + " FROM risk_blocklist" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch);
        return pool.preparedQuery(sql).execute(q.tuple()).map(rows -> {
            List<BlocklistEntry> out = new ArrayList<>();
            rows.forEach(r -> out.add(BlocklistEntry.from(r)));
            return out;
        });
    }

    Uni<Boolean> deleteEntry(String merchantId, String id) {
        return pool.preparedQuery("DELETE FROM risk_blocklist WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).invoke(() -> known.forget(merchantId)).map(rows -> rows.rowCount() == 1);
    }
}
