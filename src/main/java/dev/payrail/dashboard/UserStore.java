package dev.payrail.dashboard;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** dashboard_users in PostgreSQL; every query but the login lookup is scoped to the merchant. */
@Singleton
public class UserStore {

    private final Pool pool;

    UserStore(Pool pool) {
        this.pool = pool;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The user logging in with {@code email}, any merchant, active or not; {@code null} when none. */
    public Uni<DashboardUser> byEmail(String email) {
        return pool.preparedQuery("SELECT " + DashboardUser.COLUMNS + " FROM dashboard_users WHERE lower(email) = $1")
                .execute(Tuple.of(email.toLowerCase(Locale.ROOT)))
                .map(rows -> rows.iterator().hasNext() ? DashboardUser.from(rows.iterator().next()) : null);
    }

    public Uni<DashboardUser> byId(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + DashboardUser.COLUMNS + " FROM dashboard_users WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId))
                .map(rows -> rows.iterator().hasNext() ? DashboardUser.from(rows.iterator().next()) : null);
    }

    public Uni<List<DashboardUser>> list(String merchantId) {
        return pool.preparedQuery("SELECT " + DashboardUser.COLUMNS
                + " FROM dashboard_users WHERE merchant_id = $1 ORDER BY created_at, id").execute(Tuple.of(merchantId))
                .map(rows -> {
                    List<DashboardUser> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(DashboardUser.from(r));
                    }
                    return out;
                });
    }

    /**
     * Creates a user; a {@code 409} ApiException when the email is taken. {@code passwordHash} is {@code null} for
     * an invited user, who sets its password through its link ({@link PasswordLinks}) and cannot sign in before.
     */
    public Uni<DashboardUser> create(String merchantId, String email, Role role, String passwordHash) {
        OffsetDateTime now = now();
        return pool.preparedQuery("INSERT INTO dashboard_users (id, merchant_id, email, password_hash, role, created_at, "
                + "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING " + DashboardUser.COLUMNS)
                .execute(Tuple.of(Ids.newId("usr_"), merchantId, email, passwordHash, role.code(), now))
                .map(rows -> DashboardUser.from(rows.iterator().next()))
                .onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                        ? new ApiException(409, "CONFLICT_ERROR", "A dashboard user with this email exists.", "email")
                        : e);
    }

    /**
     * Sets the user's new password hash and revokes its other sessions (all but {@code keepSessionId}); whether
     * the user (active) was changed.
     */
    public Uni<Boolean> changePassword(String id, String passwordHash, String keepSessionId) {
        return pool.preparedQuery("""
                WITH u AS (UPDATE dashboard_users SET password_hash = $2, updated_at = now() WHERE id = $1 AND active
                           RETURNING id),
                     s AS (UPDATE dashboard_sessions SET revoked_at = now()
                            WHERE user_id IN (SELECT id FROM u) AND id <> $3 AND revoked_at IS NULL)
                SELECT count(*) AS n FROM u""").execute(Tuple.of(id, passwordHash, keepSessionId))
                .map(rows -> rows.iterator().next().getLong("n") == 1);
    }

    /** Counts a failed login; locks the account once {@code max} failures in a row are reached. */
    public Uni<Void> failed(String id, int max, java.time.Duration lockout) {
        return pool.preparedQuery("""
                UPDATE dashboard_users SET failed_logins = failed_logins + 1,
                       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END,
                       updated_at = now() WHERE id = $1""")
                .execute(Tuple.of(id, max, now().plus(lockout))).replaceWithVoid();
    }

    public Uni<Void> succeeded(String id) {
        return pool.preparedQuery("UPDATE dashboard_users SET failed_logins = 0, locked_until = NULL, updated_at = now() "
                + "WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Records the TOTP step just used so that the same code is not accepted twice. */
    public Uni<Boolean> useTotpStep(String id, long step) {
        return pool.preparedQuery("UPDATE dashboard_users SET totp_last_step = $2 WHERE id = $1 "
                + "AND (totp_last_step IS NULL OR totp_last_step < $2)").execute(Tuple.of(id, step))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> setTotpPending(String id, String sealedSecret) {
        return pool.preparedQuery("UPDATE dashboard_users SET totp_pending = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, sealedSecret)).replaceWithVoid();
    }

    /** Turns the pending secret into the enrolled one, at {@code step} (already used). */
    public Uni<Void> enableTotp(String id, long step) {
        return pool.preparedQuery("UPDATE dashboard_users SET totp_secret = totp_pending, totp_pending = NULL, "
                + "totp_last_step = $2, updated_at = now() WHERE id = $1 AND totp_pending IS NOT NULL")
                .execute(Tuple.of(id, step)).replaceWithVoid();
    }

    public Uni<Void> disableTotp(String id) {
        return pool.preparedQuery("UPDATE dashboard_users SET totp_secret = NULL, totp_pending = NULL, "
                + "totp_last_step = NULL, updated_at = now() WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Changes the role of another user of the merchant; whether a row changed. */
    public Uni<Boolean> changeRole(String merchantId, String id, Role role) {
        return pool.preparedQuery("UPDATE dashboard_users SET role = $3, updated_at = now() WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId, role.code())).map(rows -> rows.rowCount() == 1);
    }

    /** Deactivates the user and revokes all its sessions in one statement; whether it was active. */
    public Uni<Boolean> deactivate(String merchantId, String id) {
        return pool.preparedQuery("""
                WITH u AS (UPDATE dashboard_users SET active = false, updated_at = now()
                            WHERE id = $1 AND merchant_id = $2 AND active RETURNING id),
                     s AS (UPDATE dashboard_sessions SET revoked_at = now()
                            WHERE user_id IN (SELECT id FROM u) AND revoked_at IS NULL)
                SELECT count(*) AS n FROM u""").execute(Tuple.of(id, merchantId))
                .map(rows -> rows.iterator().next().getLong("n") == 1);
    }

    /** Whether the merchant requires TOTP of its admins. */
    public Uni<Boolean> adminTotpRequired(String merchantId) {
        return pool.preparedQuery("SELECT require_admin_totp FROM dashboard_settings WHERE merchant_id = $1")
                .execute(Tuple.of(merchantId))
                .map(rows -> rows.iterator().hasNext() && rows.iterator().next().getBoolean("require_admin_totp"));
    }

    public Uni<Void> requireAdminTotp(String merchantId, boolean required) {
        return pool.preparedQuery("INSERT INTO dashboard_settings (merchant_id, require_admin_totp, updated_at) "
                + "VALUES ($1, $2, now()) ON CONFLICT (merchant_id) DO UPDATE SET require_admin_totp = $2, updated_at = now()")
                .execute(Tuple.of(merchantId, required)).replaceWithVoid();
    }
}
