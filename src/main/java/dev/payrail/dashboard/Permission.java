package dev.payrail.dashboard;

/**
 * What a dashboard page or action needs, declared with {@link Requires} on every resource method under
 * {@code /dashboard}. The first three are about the session's stage, the others about the user's role
 * ({@link Role#allows}).
 */
public enum Permission {
    /** No session needed (the login form). Its POST still carries the login form's CSRF token. */
    SIGN_IN,
    /** Any session, whatever its stage (logout). */
    SESSION,
    /** A session that passed the password and waits for its TOTP code. */
    SECOND_FACTOR,
    /** The user's own account: any signed-in user, also an admin who must enrol TOTP first. */
    ACCOUNT,
    /** Read payments, orders, refunds, the overview. */
    READ,
    REFUND,
    CAPTURE,
    CANCEL,
    /** Create orders and payment links. */
    CREATE_ORDERS,
    MANAGE_KEYS,
    MANAGE_WEBHOOKS,
    MANAGE_ORIGINS,
    /** Invite users, change roles, deactivate. */
    MANAGE_USERS,
    /** The merchant's dashboard and checkout settings (e.g. TOTP required for admins). */
    MANAGE_SETTINGS,
    VIEW_AUDIT
}
