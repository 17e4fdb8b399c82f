package dev.payrail.dashboard;

import java.time.OffsetDateTime;

import jakarta.inject.Singleton;

import dev.payrail.dashboard.security.Tokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Server-side sessions, stored by the digest of their token. A session is valid while not revoked,
 * before its absolute expiry, within the idle timeout of its last request, and while its user is active.
 */
@Singleton
public class SessionStore {

    /** A valid session with its user and merchant. */
    public record Found(String sessionId, String stage, DashboardUser user, String merchantName, String apiKeyId,
            OffsetDateTime lastSeenAt) {
    }

    private final Pool pool;
    private final DashboardConfig config;

    SessionStore(Pool pool, DashboardConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Creates a session for {@code user} at {@code stage}; the cookie token (only the caller ever sees it). */
    public Uni<String> create(DashboardUser user, String stage) {
        String token = Tokens.newToken();
        OffsetDateTime now = UserStore.now();
        return pool.preparedQuery("INSERT INTO dashboard_sessions (id, user_id, merchant_id, stage, created_at, "
                + "last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)")
                .execute(Tuple.of(Tokens.sessionId(token), user.id(), user.merchantId(), stage, now,
                        now.plus(config.absoluteTimeout())))
                .replaceWith(token);
    }

    /** The valid session of {@code token}, or {@code null}. */
    public Uni<Found> find(String token) {
        if (!Tokens.wellFormed(token)) {
            return Uni.createFrom().nullItem();
        }
        String cols = DashboardUser.COLUMNS.replaceAll("(^|, )", "$1u.");
        return pool.preparedQuery("SELECT s.id AS sid, s.stage, s.last_seen_at, m.name AS merchant_name, m.api_key_id, "
                + cols + " FROM dashboard_sessions s JOIN dashboard_users u ON u.id = s.user_id "
                + "JOIN merchants m ON m.id = s.merchant_id "
                + "WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND s.last_seen_at > $2 AND u.active")
                .execute(Tuple.of(Tokens.sessionId(token), UserStore.now().minus(config.idleTimeout())))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Found(r.getString("sid"), r.getString("stage"), DashboardUser.from(r),
                            r.getString("merchant_name"), r.getString("api_key_id"), r.getOffsetDateTime("last_seen_at"));
                });
    }

    /** Moves the idle deadline; written at most once every 30 seconds per session. */
    public Uni<Void> touch(Found session) {
        if (session.lastSeenAt().isAfter(UserStore.now().minusSeconds(30))) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("UPDATE dashboard_sessions SET last_seen_at = now() WHERE id = $1")
                .execute(Tuple.of(session.sessionId())).replaceWithVoid();
    }

    public Uni<Void> setStage(String sessionId, String stage) {
        return pool.preparedQuery("UPDATE dashboard_sessions SET stage = $2 WHERE id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(sessionId, stage)).replaceWithVoid();
    }

    public Uni<Void> revoke(String sessionId) {
        return pool.preparedQuery("UPDATE dashboard_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(sessionId)).replaceWithVoid();
    }
}
