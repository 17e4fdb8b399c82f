package dev.payrail.webhook;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/** Seals, at start-up, webhook secrets that older versions stored in plaintext. */
@Singleton
public class WebhookSecretSealer {

    private static final Logger LOG = Logger.getLogger(WebhookSecretSealer.class);

    void seal(@Observes StartupEvent event, WebhookEndpointStore endpoints) throws Throwable {
        int sealed = VertxContextSupport.subscribeAndAwait(() -> endpoints.sealPlaintextSecrets()
                .ifNoItem().after(Duration.ofSeconds(30)).fail());
        if (sealed > 0) {
            LOG.infof("Sealed %d plaintext webhook secret(s)", sealed);
        }
    }
}
