package dev.payrail.customer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A customer's saved card: the reusable token of the provider that issued it, and what the merchant
 * may see of the card (brand, last four, expiry, the keyed fingerprint). Never the PAN or CVC.
 *
 * @param provider         the connector whose account issued the token; payments with it go only there
 * @param providerCustomer the provider's customer holding the token (Stripe {@code cus_…}), or {@code null}
 * @param detachedAt       when it was detached (never charged again), or {@code null}
 */
public record SavedMethod(String id, String merchantId, String customerId, String provider, String providerToken,
        String providerCustomer, String brand, String last4, int expMonth, int expYear, String fingerprint,
        Instant createdAt, Instant updatedAt, Instant detachedAt) {

    static final String COLUMNS = "id, merchant_id, customer_id, provider, provider_token, provider_customer, brand, "
            + "last4, exp_month, exp_year, fingerprint, created_at, updated_at, detached_at";

    static SavedMethod from(Row r) {
        var detached = r.getOffsetDateTime("detached_at");
        return new SavedMethod(r.getString("id"), r.getString("merchant_id"), r.getString("customer_id"),
                r.getString("provider"), r.getString("provider_token"), r.getString("provider_customer"),
                r.getString("brand"), r.getString("last4"), r.getInteger("exp_month"), r.getInteger("exp_year"),
                r.getString("fingerprint"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant(), detached == null ? null : detached.toInstant());
    }

    public boolean detached() {
        return detachedAt != null;
    }

    /** The card as a payment made with this method shows it (the same keys as a card payment's details). */
    public Map<String, Object> cardDetails() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("brand", brand);
        d.put("last4", last4);
        d.put("exp_month", expMonth);
        d.put("exp_year", expYear);
        d.put("fingerprint", fingerprint);
        return d;
    }

    @Override
    public String toString() {
        return "SavedMethod[" + id + ", " + provider + ", " + brand + " " + last4 + "]";
    }
}
