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

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(name = "api_key_id", nullable = false, unique = true)
    public String apiKeyId;

    @Column(name = "api_secret_digest", nullable = false)
    public String apiSecretDigest;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @Column(name = "webhook_secret")
    public String webhookSecret;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
