package dev.payrail.dashboard;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The merchant dashboard under {@code /dashboard} (docs/dashboard.md). */
@ConfigMapping(prefix = "payrail.dashboard")
public interface DashboardConfig {

    /** A session ends after this long without a request. */
    @WithDefault("30M")
    Duration idleTimeout();

    /** A session ends this long after login, used or not. */
    @WithDefault("12H")
    Duration absoluteTimeout();

    /** Whether the session cookie is {@code Secure}. Off only in dev and test (plain http://localhost). */
    @WithDefault("true")
    boolean secureCookie();

    /** Failed logins (password or TOTP) in a row that lock the account for {@link #lockout()}. */
    @WithDefault("5")
    int maxFailedLogins();

    @WithDefault("15M")
    Duration lockout();

    /** How long an invitation's or a reset's set-password link works (once). */
    @WithDefault("72H")
    Duration passwordLinkTtl();

    /** Argon2id memory cost in KiB (OWASP minimum 19456). */
    @WithDefault("19456")
    int argon2MemoryKib();

    @WithDefault("2")
    int argon2Iterations();

    /** The seeded merchant's admin user (dev and sandbox, when payrail.seed.enabled). */
    @WithDefault("admin@example.com")
    String seedAdminEmail();

    @WithDefault("payrail-dev-admin")
    String seedAdminPassword();
}
