package dev.payrail.provider;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How payments find a provider when the merchant configured none. */
@ConfigMapping(prefix = "payrail.routing")
public interface RoutingConfig {

    /**
     * Providers tried in this order for merchants without provider accounts; each payment goes to
     * the first that takes its method, currency and amount, failing over along the list.
     */
    @WithDefault("simulator,bank_transfer")
    List<String> defaultOrder();
}
