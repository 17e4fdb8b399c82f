package dev.payrail.merchant;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Gives the seeded test merchant its 3-D Secure rules once, after {@link MerchantSeeder} created it:
 * threshold {@code payrail.three-d-secure.seed-threshold} (default 3000 minor units) for every
 * currency, in mode {@code payrail.three-d-secure.seed-mode} (default {@code threshold}; the test
 * profile keeps the seeded merchant at {@code when_required} so that the suite's card payments are
 * not challenged). Rules someone set since are left as they are.
 */
@Singleton
class ThreeDSecureSeeder {

    private final ThreeDSecureStore store;

    ThreeDSecureSeeder(ThreeDSecureStore store) {
        this.store = store;
    }

    void seed(@Observes @Priority(3000) StartupEvent event, SeedConfig config, ThreeDSecureConfig rules)
            throws Throwable {
        if (!config.enabled()) {
            return;
        }
        ThreeDSecureSettings settings = ThreeDSecureSettings.validate(
                new ThreeDSecureSettings.Update(rules.seedMode(), rules.seedThreshold(), Map.of()));
        VertxContextSupport.subscribeAndAwait(() -> store.seed(config.apiKey(), settings)
                .ifNoItem().after(Duration.ofSeconds(30)).fail());
    }
}
