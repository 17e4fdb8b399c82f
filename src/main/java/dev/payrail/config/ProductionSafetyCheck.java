package dev.payrail.config;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.provider.RoutingConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * Refuses to start outside dev, test and sandbox when {@link ProductionSafety} finds a fake
 * connector, an unsafe routing default, a connector without its provider's base URL, or a
 * committed secret. The start fails with every reason at once.
 */
@Singleton
public class ProductionSafetyCheck {

    private final ConnectorRegistry connectors;
    private final RoutingConfig routing;
    private final Config config;

    ProductionSafetyCheck(ConnectorRegistry connectors, RoutingConfig routing, Config config) {
        this.connectors = connectors;
        this.routing = routing;
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        refuseUnsafe(config.unwrap(SmallRyeConfig.class).getProfiles());
    }

    /** Throws when a start in these profiles must be refused. */
    void refuseUnsafe(List<String> profiles) {
        List<String> refusals = inspect(profiles).refusals();
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("Payrail refuses to start in profile " + String.join(",", profiles)
                    + ":\n - " + String.join("\n - ", refusals));
        }
    }

    /** The check of this application's connectors, routing and secrets for a start in these profiles. */
    ProductionSafety inspect(List<String> profiles) {
        ProductionSafety check = ProductionSafety.forProfiles(profiles)
                .defaultOrder(routing.defaultOrder().orElse(List.of()));
        for (PaymentConnector c : connectors.all()) {
            check.connector(c.remote() ? ProductionSafety.Connector.remote(c.name(), c.configuredBaseUrl())
                    : ProductionSafety.Connector.local(c.name(), c.sandboxOnly()));
        }
        boolean seeding = value("payrail.seed.enabled").map(Boolean::parseBoolean).orElse(false);
        for (String name : ProductionSafety.COMMITTED_SECRETS.keySet()) {
            if (seeding || !ProductionSafety.SEED_SECRETS.contains(name)) {
                check.setting(name, value(name).orElse(null));
            }
        }
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(ProductionSafety.CREDENTIAL_KEYS)) {
                check.setting(name, value(name).orElse(null));
            }
        }
        return check;
    }

    /** A setting's value; absent when unset or when it refers to an unset environment variable. */
    private Optional<String> value(String name) {
        try {
            return config.getOptionalValue(name, String.class);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
