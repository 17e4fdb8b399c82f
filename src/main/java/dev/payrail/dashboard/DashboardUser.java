package dev.payrail.dashboard;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** A row of dashboard_users (never rendered as is: the hash and TOTP secrets stay on the server). */
public record DashboardUser(String id, String merchantId, String email, String passwordHash, Role role, boolean active,
        int failedLogins, OffsetDateTime lockedUntil, String totpSecret, String totpPending, Long totpLastStep,
        OffsetDateTime createdAt) {

    static final String COLUMNS = "id, merchant_id, email, password_hash, role, active, failed_logins, locked_until, "
            + "totp_secret, totp_pending, totp_last_step, created_at";

    static DashboardUser from(Row r) {
        return new DashboardUser(r.getString("id"), r.getString("merchant_id"), r.getString("email"),
                r.getString("password_hash"), Role.of(r.getString("role")), r.getBoolean("active"),
                r.getInteger("failed_logins"), r.getOffsetDateTime("locked_until"), r.getString("totp_secret"),
                r.getString("totp_pending"), r.getLong("totp_last_step"), r.getOffsetDateTime("created_at"));
    }

    public boolean totpEnabled() {
        return totpSecret != null;
    }
}
