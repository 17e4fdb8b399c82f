package dev.payrail.dashboard;

import java.time.OffsetDateTime;

import jakarta.inject.Singleton;

import dev.payrail.dashboard.security.Tokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One-time set-password links of dashboard users: an invitation's (the user has no password yet) and an
 * admin's reset (the password is cleared and the user's sessions revoked). Only the SHA-256 of a link's
 * token is stored; a link works once, until {@code payrail.dashboard.password-link-ttl} (72 h), and a
 * newer link of the same user ends the older ones. Setting the password through a link revokes the user's
 * sessions and clears a lockout.
 */
@Singleton
public class PasswordLinks {

    /** Why a link was made. */
    public enum Purpose {
        INVITE, RESET;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A link that still works: whose it is. */
    public record Valid(String userId, String merchantId, String email, String merchantName, String purpose,
            OffsetDateTime expiresAt) {
    }

    /** A user whose password was just set through a link. */
    public record PasswordSet(String userId, String merchantId, String email) {
    }

    private static final String ISSUE = """
            WITH u AS (UPDATE dashboard_users SET password_hash = CASE WHEN $6::boolean THEN NULL ELSE password_hash END,
                              updated_at = now()
                        WHERE id = $2 AND merchant_id = $3 AND active RETURNING id, merchant_id),
                 s AS (UPDATE dashboard_sessions SET revoked_at = now()
                        WHERE $6::boolean AND user_id IN (SELECT id FROM u) AND revoked_at IS NULL),
                 old AS (UPDATE dashboard_password_links SET expires_at = now()
                          WHERE user_id IN (SELECT id FROM u) AND used_at IS NULL AND expires_at > now())
            INSERT INTO dashboard_password_links (id, user_id, merchant_id, purpose, created_by, created_at, expires_at)
            SELECT $1::char(64), u.id, u.merchant_id, $4::varchar, $5::varchar, now(), $7::timestamptz FROM u
            RETURNING user_id""";

    private static final String FIND = """
            SELECT l.user_id, l.merchant_id, u.email, m.name AS merchant_name, l.purpose, l.expires_at
              FROM dashboard_password_links l JOIN dashboard_users u ON u.id = l.user_id JOIN merchants m ON m.id = l.merchant_id
             WHERE l.id = $1 AND l.used_at IS NULL AND l.expires_at > now() AND u.active""";

    private static final String USE = """
            WITH l AS (UPDATE dashboard_password_links SET used_at = now()
                        WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id),
                 u AS (UPDATE dashboard_users SET password_hash = $2::varchar, failed_logins = 0, locked_until = NULL, updated_at = now()
                        WHERE id IN (SELECT user_id FROM l) AND active RETURNING id, merchant_id, email),
                 s AS (UPDATE dashboard_sessions SET revoked_at = now()
                        WHERE user_id IN (SELECT id FROM u) AND revoked_at IS NULL)
            SELECT id, merchant_id, email FROM u""";

    private final Pool pool;
    private final DashboardConfig config;

    PasswordLinks(Pool pool, DashboardConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * A new link for an active user of {@code merchantId}, ending its older ones; for {@link Purpose#RESET}
     * the password is cleared and the user's sessions revoked in the same statement. The token (to be shown
     * once, in the link), or a {@code null} item when there is no such active user.
     */
    public Uni<String> issue(String merchantId, String userId, Purpose purpose, String createdBy) {
        String token = Tokens.newToken();
        OffsetDateTime expires = UserStore.now().plus(config.passwordLinkTtl());
        Object[] params = { Tokens.passwordLinkId(token), userId, merchantId, purpose.code(), createdBy,
                purpose == Purpose.RESET, expires };
        return pool.preparedQuery(ISSUE).execute(Tuple.from(params))
                .map(rows -> rows.iterator().hasNext() ? token : null);
    }

    /** The user of a link that still works; {@code null} for a malformed, unknown, used or expired one. */
    public Uni<Valid> find(String token) {
        if (!Tokens.wellFormed(token)) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(FIND).execute(Tuple.of(Tokens.passwordLinkId(token))).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            Row r = rows.iterator().next();
            return new Valid(r.getString("user_id"), r.getString("merchant_id"), r.getString("email"),
                    r.getString("merchant_name"), r.getString("purpose"), r.getOffsetDateTime("expires_at"));
        });
    }

    /**
     * Uses the link: sets the password hash, clears a lockout and revokes the user's sessions, all in one
     * statement; {@code null} when the link no longer works (used meanwhile, expired, user deactivated).
     */
    public Uni<PasswordSet> use(String token, String passwordHash) {
        if (!Tokens.wellFormed(token)) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(USE).execute(Tuple.of(Tokens.passwordLinkId(token), passwordHash)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            Row r = rows.iterator().next();
            return new PasswordSet(r.getString("id"), r.getString("merchant_id"), r.getString("email"));
        });
    }
}
