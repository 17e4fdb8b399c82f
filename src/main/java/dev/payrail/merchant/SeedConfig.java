package dev.payrail.merchant;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The test merchant seeded at start (on by default in dev, test and sandbox; off in prod). */
@ConfigMapping(prefix = "payrail.seed")
public interface SeedConfig {

    @WithDefault("false")
    boolean enabled();

    @WithDefault("Test Merchant")
    String name();

    @WithDefault("test@example.com")
    String email();

    @WithDefault("key_test_abc123")
    String apiKey();

    @WithDefault("secret_test_xyz789")
    String apiSecret();

    Optional<String> webhookUrl();

    Optional<String> webhookSecret();
}
