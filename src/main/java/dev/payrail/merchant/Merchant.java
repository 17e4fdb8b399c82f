package dev.payrail.merchant;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A merchant account, as {@link MerchantRepository} reads it from {@code merchants}. The API secret
 * is stored only as a digest. Each change is one SQL statement of its own, naming only its columns:
 * the webhook columns are written by the webhook package, the routing column by the provider package.
 */
public class Merchant {

    /** The columns {@link #from} reads, in SQL. */
    static final String COLUMNS = "id, name, email, api_key_id, api_secret_digest, webhook_url, webhook_secret, active, "
            + "rate_limit_per_second, rate_limit_burst, publishable_key, checkout_allowed_origins, checkout_logo_url, "
            + "created_at, updated_at";

    public String id;
    public String name;
    public String email;
    public String apiKeyId;
    public String apiSecretDigest;
    public String webhookUrl;
    public String webhookSecret;
    public boolean active = true;

    /** Override of the API rate limit in requests per second; {@code null} means the default. */
    public Integer rateLimitPerSecond;

    /** Override of the API rate-limit burst; {@code null} means the default. */
    public Integer rateLimitBurst;

    /** The key the merchant's checkout uses in the browser ({@code pk_test_…} / {@code pk_live_…}); public by design. */
    public String publishableKey;

    /** Origins allowed to frame the checkout, space-separated (see {@code dev.payrail.checkout.AllowedOrigins}). */
    public String checkoutAllowedOrigins = "";

    /** An https URL of the merchant's logo shown on the checkout page; {@code null} for none. */
    public String checkoutLogoUrl;

    public Instant createdAt;
    public Instant updatedAt;

    static Merchant from(Row r) {
        Merchant m = new Merchant();
        m.id = r.getString("id");
        m.name = r.getString("name");
        m.email = r.getString("email");
        m.apiKeyId = r.getString("api_key_id");
        m.apiSecretDigest = r.getString("api_secret_digest");
        m.webhookUrl = r.getString("webhook_url");
        m.webhookSecret = r.getString("webhook_secret");
        m.active = r.getBoolean("active");
        m.rateLimitPerSecond = r.getInteger("rate_limit_per_second");
        m.rateLimitBurst = r.getInteger("rate_limit_burst");
        m.publishableKey = r.getString("publishable_key");
        m.checkoutAllowedOrigins = r.getString("checkout_allowed_origins");
        m.checkoutLogoUrl = r.getString("checkout_logo_url");
        m.createdAt = instant(r.getOffsetDateTime("created_at"));
        m.updatedAt = instant(r.getOffsetDateTime("updated_at"));
        return m;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
