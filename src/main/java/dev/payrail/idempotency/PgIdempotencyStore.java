package dev.payrail.idempotency;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The same protocol in PostgreSQL, used while Redis is unreachable: slower, never skipped. */
@Singleton
public class PgIdempotencyStore {

    private static final String CLAIM = """
            INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, locked_until, expires_at)
            VALUES ($1, $2, $3, 'in_progress', $4, $5)
            ON CONFLICT (scope, idempotency_key) DO UPDATE
               SET fingerprint = EXCLUDED.fingerprint, state = 'in_progress', locked_until = EXCLUDED.locked_until,
                   expires_at = EXCLUDED.expires_at, response_status = NULL, response_content_type = NULL,
                   response_headers = NULL, response_body = NULL, created_at = now()
             WHERE idempotency_keys.expires_at < now()
                OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until < now())
            RETURNING true AS claimed""";

    private static final String READ = """
            SELECT fingerprint, state, response_status, response_content_type, response_headers, response_body
              FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2""";

    private final Pool pool;

    PgIdempotencyStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Claim> claim(String scope, String key, String fingerprint, Duration lockTimeout, Duration ttl) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(scope, key, fingerprint, now.plus(lockTimeout), now.plus(ttl)))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(Claim.claimed(true))
                        : pool.preparedQuery(READ).execute(Tuple.of(scope, key)).map(read -> {
                            if (read.size() == 0) {
                                // Expired and removed meanwhile: the caller retries as a new request.
                                return new Claim(Claim.State.IN_PROGRESS, fingerprint, null, true);
                            }
                            return toClaim(read.iterator().next());
                        }));
    }

    private static Claim toClaim(Row r) {
        if ("in_progress".equals(r.getString("state"))) {
            return new Claim(Claim.State.IN_PROGRESS, r.getString("fingerprint"), null, true);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonObject h = r.getJsonObject("response_headers");
        if (h != null) {
            h.forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
        }
        Buffer body = r.getBuffer("response_body");
        return new Claim(Claim.State.COMPLETED, r.getString("fingerprint"), new StoredResponse(r.getInteger("response_status"),
                r.getString("response_content_type"), headers, body == null ? new byte[0] : body.getBytes()), true);
    }

    public Uni<Void> complete(String scope, String key, StoredResponse response) {
        return pool.preparedQuery("""
                UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_content_type = $4,
                       response_headers = $5, response_body = $6 WHERE scope = $1 AND idempotency_key = $2""")
                .execute(Tuple.from(new Object[] { scope, key, response.status(), response.contentType(),
                        new JsonObject(new LinkedHashMap<>(response.headers())),
                        io.vertx.core.buffer.Buffer.buffer(response.body()) }))
                .replaceWithVoid();
    }

    public Uni<Void> release(String scope, String key) {
        return pool.preparedQuery("DELETE FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2")
                .execute(Tuple.of(scope, key)).replaceWithVoid();
    }
}
