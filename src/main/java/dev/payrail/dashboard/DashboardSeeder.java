package dev.payrail.dashboard;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import dev.payrail.common.Ids;
import dev.payrail.merchant.SeedConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Gives the seeded test merchant (dev, test, sandbox: {@code payrail.seed.enabled}) an admin dashboard
 * user, {@code payrail.dashboard.seed-admin-email} / {@code seed-admin-password}, when no user has that
 * email yet. Runs after {@code MerchantSeeder} (a later observer priority).
 */
@Singleton
public class DashboardSeeder {

    private static final Logger LOG = Logger.getLogger(DashboardSeeder.class);

    private static final String INSERT_MISSING = """
            INSERT INTO dashboard_users (id, merchant_id, email, password_hash, role, created_at, updated_at)
            SELECT $1, m.id, $2, $3, 'admin', now(), now() FROM merchants m WHERE m.api_key_id = $4
            ON CONFLICT DO NOTHING
            RETURNING id""";

    private final Pool pool;
    private final Passwords passwords;

    DashboardSeeder(Pool pool, Passwords passwords) {
        this.pool = pool;
        this.passwords = passwords;
    }

    void seed(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) StartupEvent event, SeedConfig seed,
            DashboardConfig config) throws Throwable {
        if (!seed.enabled()) {
            return;
        }
        String hash = passwords.hashNow(config.seedAdminPassword());
        Boolean created = VertxContextSupport.subscribeAndAwait(() -> seed(seed.apiKey(), config.seedAdminEmail(), hash)
                .ifNoItem().after(Duration.ofSeconds(30)).fail());
        LOG.infof(created ? "Seeded dashboard admin %s for the test merchant" : "Dashboard user %s exists; kept as it is",
                config.seedAdminEmail());
    }

    Uni<Boolean> seed(String apiKey, String email, String hash) {
        return pool.preparedQuery(INSERT_MISSING).execute(Tuple.of(Ids.newId("usr_"), email, hash, apiKey))
                .map(rows -> rows.iterator().hasNext());
    }
}
