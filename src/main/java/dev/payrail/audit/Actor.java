package dev.payrail.audit;

/** Who did something, for the append-only audit log. */
public record Actor(String type, String id) {

    /** audit_log.actor_type of a merchant's dashboard user (its id in actor_id). */
    public static final String DASHBOARD_USER = "dashboard_user";

    public static Actor merchant(String merchantId) {
        return new Actor("merchant", merchantId);
    }

    public static Actor admin() {
        return new Actor("admin", "admin-token");
    }

    public static Actor dashboardUser(String userId) {
        return new Actor(DASHBOARD_USER, userId);
    }

    public static Actor system(String component) {
        return new Actor("system", component);
    }
}
