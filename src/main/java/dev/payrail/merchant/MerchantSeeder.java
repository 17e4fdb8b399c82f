package dev.payrail.merchant;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.payrail.common.Ids;
import dev.payrail.webhook.SecretCipher;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Seeds the test merchant at start when enabled. The upsert is idempotent and safe when several
 * pods start at once: the key id is unique, and its row is brought to the configured values.
 */
@ApplicationScoped
public class MerchantSeeder {

    private static final Logger LOG = Logger.getLogger(MerchantSeeder.class);

    private static final String UPSERT = """
            INSERT INTO merchants (id, name, email, api_key_id, api_secret_digest, webhook_url, webhook_secret,
                                   active, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, true, now(), now())
            ON CONFLICT (api_key_id) DO UPDATE
               SET name = EXCLUDED.name, email = EXCLUDED.email, api_secret_digest = EXCLUDED.api_secret_digest,
                   webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret,
                   active = true, updated_at = now()
            RETURNING id""";

    void seed(@Observes StartupEvent event, SeedConfig config, Pool pool, SecretCipher cipher) throws Throwable {
        if (!config.enabled()) {
            return;
        }
        String id = VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(UPSERT)
                .execute(Tuple.from(new Object[] {
                        Ids.newId("mer_"), config.name(), config.email(), config.apiKey(),
                        ApiSecrets.digest(config.apiSecret()), config.webhookUrl().filter(u -> !u.isBlank()).orElse(null),
                        cipher.seal(config.webhookSecret().orElseGet(MerchantService::newWebhookSecret)) }))
                .map(rows -> rows.iterator().next().getString("id"))
                .ifNoItem().after(Duration.ofSeconds(30)).fail());
        LOG.infof("Seeded test merchant %s with API key %s", id, config.apiKey());
    }

}
