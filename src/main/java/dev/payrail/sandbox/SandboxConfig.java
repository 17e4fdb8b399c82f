package dev.payrail.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The provider emulators under {@code /sandbox/<provider>/…}. On in dev, test and sandbox; off in
 * prod, where every {@code /sandbox/} path answers 404 as if it did not exist.
 */
@ConfigMapping(prefix = "payrail.sandbox")
public interface SandboxConfig {

    /** Serve the emulators. */
    @WithDefault("false")
    boolean enabled();
}
