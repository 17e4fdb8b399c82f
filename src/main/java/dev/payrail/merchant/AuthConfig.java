package dev.payrail.merchant;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "payrail.auth")
public interface AuthConfig {

    /**
     * How long a verified API key is trusted without asking PostgreSQL again. Revocation and
     * rotation take effect on other pods within this time (at once on the pod that did them).
     */
    @WithDefault("5s")
    Duration cacheTtl();

    /** Whether new keys are live ({@code key_live_…}) rather than test keys. */
    @WithDefault("false")
    boolean liveMode();

}
