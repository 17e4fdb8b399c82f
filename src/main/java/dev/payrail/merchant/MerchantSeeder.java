package dev.payrail.merchant;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.common.Ids;
import dev.payrail.webhook.SecretCipher;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Seeds the test merchant at start when enabled, and only what is missing: a merchant whose API
 * key already exists is left as it is, so a restart never overwrites a webhook URL, a rotated
 * secret or a name someone changed since. Safe when several pods start at once: the key id is
 * unique and the losing insert does nothing.
 */
@Singleton
public class MerchantSeeder {

    private static final Logger LOG = Logger.getLogger(MerchantSeeder.class);

    private static final String INSERT_MISSING = """
            INSERT INTO merchants (id, name, email, api_key_id, api_secret_digest, webhook_url, webhook_secret,
                                   publishable_key, active, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, now(), now())
            ON CONFLICT (api_key_id) DO NOTHING
            RETURNING id""";

    private final Pool pool;
    private final SecretCipher cipher;

    MerchantSeeder(Pool pool, SecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    void seed(@Observes StartupEvent event, SeedConfig config) throws Throwable {
        if (!config.enabled()) {
            return;
        }
        Boolean created = VertxContextSupport.subscribeAndAwait(() -> seed(config)
                .ifNoItem().after(Duration.ofSeconds(30)).fail());
        LOG.infof(created ? "Seeded test merchant \"%s\" with API key %s"
                : "Test merchant \"%s\" with API key %s exists; kept as it is", config.name(), config.apiKey());
    }

    /** Creates the configured merchant unless its API key exists; whether it created it. */
    public Uni<Boolean> seed(SeedConfig config) {
        return pool.preparedQuery(INSERT_MISSING)
                .execute(Tuple.from(new Object[] {
                        Ids.newId("mer_"), config.name(), config.email(), config.apiKey(),
                        ApiSecrets.digest(config.apiSecret()), config.webhookUrl().filter(u -> !u.isBlank()).orElse(null),
                        cipher.seal(config.webhookSecret().orElseGet(MerchantService::newWebhookSecret)),
                        PublishableKeys.newKey(config.apiKey().startsWith("key_live_")) }))
                .map(rows -> rows.iterator().hasNext());
    }
}
