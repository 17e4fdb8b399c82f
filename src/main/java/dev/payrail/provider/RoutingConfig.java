package dev.payrail.provider;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How payments find a provider when the merchant configured none. */
@ConfigMapping(prefix = "payrail.routing")
public interface RoutingConfig {

    /**
     * Providers tried in this order for merchants without provider accounts; each payment goes to
     * the first that takes its method, currency and amount, failing over along the list. Empty in
     * production (merchants enable their providers through {@code /api/v1/providers}); dev, test
     * and sandbox use {@code simulator,bank_transfer}.
     */
    Optional<List<String>> defaultOrder();
}
