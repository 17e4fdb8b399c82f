package dev.payrail.provider;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code provider_accounts} and the merchant's routing setting. Every query is scoped to the merchant. */
@Singleton
public class ProviderAccountStore {

    /** A merchant's accounts and routing setting, read in one statement. */
    public record Routing(List<ProviderAccount> accounts, boolean bySuccessRate) {
    }

    private final Pool pool;

    ProviderAccountStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Routing> load(String merchantId) {
        return pool.preparedQuery("""
                SELECT m.routing_by_success_rate, a.merchant_id, a.provider, a.enabled, a.priority,
                       a.credentials_ciphertext, a.credentials_key_id, a.created_at, a.updated_at
                  FROM merchants m LEFT JOIN provider_accounts a ON a.merchant_id = m.id
                 WHERE m.id = $1
                 ORDER BY a.priority, a.provider""")
                .execute(Tuple.of(merchantId))
                .map(rows -> {
                    boolean bySuccess = false;
                    List<ProviderAccount> accounts = new java.util.ArrayList<>();
                    for (Row r : rows) {
                        bySuccess = r.getBoolean("routing_by_success_rate");
                        if (r.getString("provider") != null) {
                            accounts.add(ProviderAccount.from(r));
                        }
                    }
                    return new Routing(List.copyOf(accounts), bySuccess);
                });
    }

    public Uni<ProviderAccount> saveCredentials(String merchantId, String provider, CredentialCipher.Sealed sealed,
            Instant now) {
        return pool.preparedQuery("""
                INSERT INTO provider_accounts (merchant_id, provider, enabled, priority, credentials_ciphertext,
                                               credentials_key_id, created_at, updated_at)
                VALUES ($1, $2, true, 100, $3, $4, $5, $5)
                ON CONFLICT (merchant_id, provider) DO UPDATE
                   SET credentials_ciphertext = EXCLUDED.credentials_ciphertext,
                       credentials_key_id = EXCLUDED.credentials_key_id, updated_at = EXCLUDED.updated_at
                RETURNING\s""" + ProviderAccount.COLUMNS)
                .execute(Tuple.of(merchantId, provider, Buffer.buffer(sealed.ciphertext()), sealed.keyId(),
                        now.atOffset(ZoneOffset.UTC)))
                .map(rows -> ProviderAccount.from(rows.iterator().next()));
    }

    /** Sets the enabled flag and/or priority ({@code null}: unchanged), creating the account if needed. */
    public Uni<ProviderAccount> configure(String merchantId, String provider, Boolean enabled, Integer priority,
            Instant now) {
        return pool.preparedQuery("""
                INSERT INTO provider_accounts (merchant_id, provider, enabled, priority, created_at, updated_at)
                VALUES ($1, $2, COALESCE($3, true), COALESCE($4, 100), $5, $5)
                ON CONFLICT (merchant_id, provider) DO UPDATE
                   SET enabled = COALESCE($3, provider_accounts.enabled),
                       priority = COALESCE($4, provider_accounts.priority), updated_at = $5
                RETURNING\s""" + ProviderAccount.COLUMNS)
                .execute(Tuple.of(merchantId, provider, enabled, priority, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> ProviderAccount.from(rows.iterator().next()));
    }

    public Uni<Void> setRoutingBySuccessRate(String merchantId, boolean value) {
        return pool.preparedQuery("UPDATE merchants SET routing_by_success_rate = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(merchantId, value)).replaceWithVoid();
    }
}
