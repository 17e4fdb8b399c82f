package dev.payrail.merchant;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code merchants} table for the merchant package, with the reactive PostgreSQL client like
 * every other store: reads by id, API key and publishable key, pages for the admin API, the insert,
 * and one {@code UPDATE … RETURNING} per change (a {@code null} item: no such merchant).
 */
@Singleton
public class MerchantRepository {

    private static final String SELECT = "SELECT " + Merchant.COLUMNS + " FROM merchants ";

    private final Pool pool;

    MerchantRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Merchant> findById(String id) {
        return one(SELECT + "WHERE id = $1", Tuple.of(id));
    }

    public Uni<Merchant> findByApiKey(String apiKeyId) {
        return one(SELECT + "WHERE api_key_id = $1", Tuple.of(apiKeyId));
    }

    public Uni<Merchant> findByPublishableKey(String publishableKey) {
        return one(SELECT + "WHERE publishable_key = $1", Tuple.of(publishableKey));
    }

    /** Newest first; {@code startingAfter} is the id of the last merchant of the previous page. */
    public Uni<List<Merchant>> page(String startingAfter, int fetch) {
        Uni<RowSet<Row>> rows = startingAfter == null
                ? pool.preparedQuery(SELECT + "ORDER BY created_at DESC, id DESC LIMIT $1").execute(Tuple.of(fetch))
                : pool.preparedQuery(SELECT + "m WHERE EXISTS (SELECT 1 FROM merchants c WHERE c.id = $1 AND "
                        + "(m.created_at, m.id) < (c.created_at, c.id)) ORDER BY m.created_at DESC, m.id DESC LIMIT $2")
                        .execute(Tuple.of(startingAfter, fetch));
        return rows.map(set -> {
            List<Merchant> out = new ArrayList<>(set.size());
            set.forEach(r -> out.add(Merchant.from(r)));
            return out;
        });
    }

    Uni<Merchant> insert(Merchant m) {
        return one("""
                INSERT INTO merchants (id, name, email, api_key_id, api_secret_digest, webhook_url, webhook_secret, active,
                                       publishable_key, checkout_allowed_origins, checkout_logo_url, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
                RETURNING\s""" + Merchant.COLUMNS, Tuple.from(new Object[] { m.id, m.name, m.email, m.apiKeyId,
                m.apiSecretDigest, m.webhookUrl, m.webhookSecret, m.active, m.publishableKey, m.checkoutAllowedOrigins,
                m.checkoutLogoUrl, m.createdAt.atOffset(ZoneOffset.UTC) }));
    }

    Uni<Merchant> setSecretDigest(String id, String digest) {
        return update(id, "api_secret_digest = $2", digest);
    }

    Uni<Merchant> deactivate(String id) {
        return update(id, "active = false");
    }

    Uni<Merchant> setRateLimit(String id, Integer perSecond, Integer burst) {
        return update(id, "rate_limit_per_second = $2, rate_limit_burst = $3", perSecond, burst);
    }

    /** A new publishable key, if the merchant still has {@code old} (a {@code null} item otherwise). */
    Uni<Merchant> replacePublishableKey(String id, String old, String replacement) {
        return one("UPDATE merchants SET publishable_key = $3, updated_at = now() WHERE id = $1 AND publishable_key = $2 "
                + "RETURNING " + Merchant.COLUMNS, Tuple.of(id, old, replacement));
    }

    Uni<Merchant> setCheckoutSettings(String id, String origins, String logoUrl) {
        return update(id, "checkout_allowed_origins = $2, checkout_logo_url = $3", origins, logoUrl);
    }

    /** {@code UPDATE} of {@code assignments} to the merchant {@code id} ({@code $1}; {@code values} from {@code $2}). */
    private Uni<Merchant> update(String id, String assignments, Object... values) {
        Tuple args = Tuple.of(id);
        for (Object v : values) {
            args.addValue(v);
        }
        return one("UPDATE merchants SET " + assignments + ", updated_at = now() WHERE id = $1 RETURNING "
                + Merchant.COLUMNS, args);
    }

    private Uni<Merchant> one(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(set -> {
            var it = set.iterator();
            return it.hasNext() ? Merchant.from(it.next()) : null;
        });
    }
}
