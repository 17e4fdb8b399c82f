package dev.payrail.connector.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The simulator's webhooks. */
@ConfigMapping(prefix = "payrail.simulator.webhook")
public interface SimulatorWebhookConfig {

    /** HMAC-SHA256 secret of the {@code Simulator-Signature} header. */
    @WithDefault("simulator_webhook_secret_dev_only")
    String secret();

    /** Whether {@code POST /simulator/webhooks} may make the simulator send events (dev, test, sandbox). */
    @WithDefault("false")
    boolean emitterEnabled();
}
