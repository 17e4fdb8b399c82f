package dev.payrail.audit;

/** Who did something, for the append-only audit log. */
public record Actor(String type, String id) {

    public static Actor merchant(String merchantId) {
        return new Actor("merchant", merchantId);
    }

    public static Actor admin() {
        return new Actor("admin", "admin-token");
    }

    public static Actor system(String component) {
        return new Actor("system", component);
    }
}
