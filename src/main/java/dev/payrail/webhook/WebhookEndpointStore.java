package dev.payrail.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The webhook endpoint columns of the merchants table, with secrets sealed by {@link SecretCipher}. */
@Singleton
public class WebhookEndpointStore {

    static final String COLUMNS = "id, webhook_url, webhook_events, webhook_enabled, webhook_disabled_reason, "
            + "webhook_secret, webhook_previous_secret, webhook_previous_secret_expires_at, "
            + "coalesce(webhook_updated_at, updated_at) AS webhook_updated_at";

    private final Pool pool;
    private final SecretCipher cipher;

    WebhookEndpointStore(Pool pool, SecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    public Uni<WebhookEndpoint> find(String merchantId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM merchants WHERE id = $1").execute(Tuple.of(merchantId))
                .map(this::first);
    }

    /** Replaces url, event filter and enabled flag; re-enabling clears the reason it was disabled. */
    public Uni<WebhookEndpoint> update(String merchantId, String url, List<String> events, boolean enabled, Instant now) {
        return pool.preparedQuery("""
                UPDATE merchants SET webhook_url = $2, webhook_events = $3, webhook_enabled = $4,
                       webhook_disabled_reason = CASE WHEN $4 THEN NULL ELSE webhook_disabled_reason END,
                       webhook_updated_at = $5
                 WHERE id = $1
                RETURNING\s""" + COLUMNS)
                .execute(Tuple.from(new Object[] { merchantId, url, events == null ? null : events.toArray(String[]::new),
                        enabled, now.atOffset(ZoneOffset.UTC) }))
                .map(this::first);
    }

    /** Makes {@code newSecret} current; the current one keeps signing until {@code previousUntil}. */
    public Uni<WebhookEndpoint> rotate(String merchantId, String newSecret, Instant previousUntil, Instant now) {
        return pool.preparedQuery("""
                UPDATE merchants SET webhook_previous_secret = webhook_secret,
                       webhook_previous_secret_expires_at = $3, webhook_secret = $2, webhook_updated_at = $4
                 WHERE id = $1
                RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(merchantId, cipher.seal(newSecret), previousUntil.atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC)))
                .map(this::first);
    }

    /** The receiver answered 410 Gone: stop delivering until the merchant re-enables the endpoint. */
    public Uni<Boolean> disable(String merchantId, String reason) {
        return pool.preparedQuery("""
                UPDATE merchants SET webhook_enabled = false, webhook_disabled_reason = $2, webhook_updated_at = now()
                 WHERE id = $1 AND webhook_enabled""")
                .execute(Tuple.of(merchantId, reason)).map(rows -> rows.rowCount() > 0);
    }

    /** Seals secrets still stored in plaintext (rows written before sealing existed). */
    public Uni<Integer> sealPlaintextSecrets() {
        return pool.preparedQuery("""
                SELECT id, webhook_secret, webhook_previous_secret FROM merchants
                 WHERE webhook_secret NOT LIKE 'enc:%' OR webhook_previous_secret NOT LIKE 'enc:%'""")
                .execute()
                .chain(rows -> {
                    List<Tuple> updates = new java.util.ArrayList<>();
                    for (Row r : rows) {
                        updates.add(Tuple.of(r.getString("id"), sealIfPlain(r.getString("webhook_secret")),
                                sealIfPlain(r.getString("webhook_previous_secret")), r.getString("webhook_secret")));
                    }
                    if (updates.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return pool.preparedQuery("""
                            UPDATE merchants SET webhook_secret = $2, webhook_previous_secret = $3
                             WHERE id = $1 AND webhook_secret IS NOT DISTINCT FROM $4""")
                            .executeBatch(updates).map(ignored -> updates.size());
                });
    }

    private String sealIfPlain(String value) {
        return value == null || SecretCipher.isSealed(value) ? value : cipher.seal(value);
    }

    WebhookEndpoint first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? from(it.next(), cipher) : null;
    }

    static WebhookEndpoint from(Row r, SecretCipher cipher) {
        String[] events = r.getArrayOfStrings("webhook_events");
        OffsetDateTime until = r.getOffsetDateTime("webhook_previous_secret_expires_at");
        OffsetDateTime updated = r.getOffsetDateTime("webhook_updated_at");
        return new WebhookEndpoint(r.getString("id"), r.getString("webhook_url"),
                events == null ? null : Arrays.asList(events), r.getBoolean("webhook_enabled"),
                r.getString("webhook_disabled_reason"), cipher.open(r.getString("webhook_secret")),
                cipher.open(r.getString("webhook_previous_secret")), until == null ? null : until.toInstant(),
                updated == null ? null : updated.toInstant());
    }
}
