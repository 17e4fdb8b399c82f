package dev.payrail.merchant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A merchant account. The API secret is stored only as a digest. Updates write only changed
 * columns: the webhook columns are also written by the webhook package, in SQL.
 */
@Entity
@DynamicUpdate
@Table(name = "merchants")
public class Merchant extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(nullable = false, columnDefinition = "text")
    public String email;

    @Column(name = "api_key_id", nullable = false, unique = true)
    public String apiKeyId;

    @Column(name = "api_secret_digest", nullable = false)
    public String apiSecretDigest;

    @Column(name = "webhook_url", columnDefinition = "text")
    public String webhookUrl;

    @Column(name = "webhook_secret", columnDefinition = "text")
    public String webhookSecret;

    @Column(nullable = false)
    public boolean active = true;

    /** Override of the API rate limit in requests per second; {@code null} means the default. */
    @Column(name = "rate_limit_per_second")
    public Integer rateLimitPerSecond;

    /** Override of the API rate-limit burst; {@code null} means the default. */
    @Column(name = "rate_limit_burst")
    public Integer rateLimitBurst;

    /** The key the merchant's checkout uses in the browser ({@code pk_test_…} / {@code pk_live_…}); public by design. */
    @Column(name = "publishable_key", nullable = false, unique = true)
    public String publishableKey;

    /** Origins allowed to frame the checkout, space-separated (see {@code dev.payrail.checkout.AllowedOrigins}). */
    @Column(name = "checkout_allowed_origins", nullable = false, columnDefinition = "text")
    public String checkoutAllowedOrigins = "";

    /** An https URL of the merchant's logo shown on the checkout page; {@code null} for none. */
    @Column(name = "checkout_logo_url", columnDefinition = "text")
    public String checkoutLogoUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
