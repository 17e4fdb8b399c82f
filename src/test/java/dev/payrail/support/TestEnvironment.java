package dev.payrail.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.security.SecureRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives this test run its own PostgreSQL schema and Redis key prefix, so that parallel and
 * repeated runs never collide, and removes both at the end. Applies to every {@code @QuarkusTest}.
 * <p>
 * For a {@code @QuarkusIntegrationTest} the packaged artifact runs in its real {@code prod}
 * profile; the properties returned here reach it as system properties, the way a deployment
 * passes its environment. They add what prod leaves off on purpose: the test database, the seeded
 * merchant and the admin token. Nothing test-specific is built into the artifact.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    /** Unique per JVM: every Quarkus start of this run shares them. */
    public static final String RUN_ID = HexFormat.of().formatHex(SecureRandom.getSeed(5));
    public static final String SCHEMA = "payrail_t_" + RUN_ID;
    public static final String REDIS_PREFIX = "payrail-test-" + RUN_ID + ":";

    private boolean integrationTest;

    /** Called by Quarkus for {@code @QuarkusIntegrationTest} only. */
    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        integrationTest = true;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("payrail.db.schema", SCHEMA);
        config.put("payrail.redis.prefix", REDIS_PREFIX);
        // this run's own admin token and seeded secrets: production (the packaged artifact) refuses the
        // committed ones, and every test of the run uses the same values (Api)
        config.put("payrail.seed.api-secret", Api.seedSecret());
        config.put("payrail.seed.webhook-secret", Api.seedWebhookSecret());
        config.put("payrail.admin.token", Api.adminToken());
        config.put("payrail.dashboard.seed-admin-password", Api.seedDashboardPassword());
        if (!integrationTest) {
            // The connectors' REST clients (quarkus.rest-client.stripe.url) are configured at start with
            // the emulator on this server's own port: a free port chosen now, not a random one at listen.
            config.put("quarkus.http.test-port", String.valueOf(freePort()));
        }
        if (integrationTest) {
            String jdbcUrl = jdbcUrl();
            config.put("quarkus.datasource.jdbc.url", jdbcUrl);
            config.put("quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()));
            config.put("quarkus.redis.hosts", redisHosts());
            config.put("payrail.seed.enabled", "true");
            // prod has no default keys: the test run brings its own
            config.put("payrail.card.fingerprint-key", "it-card-fingerprint-key-" + RUN_ID);
            config.put("payrail.credentials.keys.primary",
                    java.util.Base64.getEncoder().encodeToString(("it-credentials-key-" + RUN_ID + "-padding-to-32-bytes")
                            .substring(0, 32).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            config.put("payrail.webhook.secret-key",
                    java.util.Base64.getEncoder().encodeToString(("it-webhook-secret-key-" + RUN_ID + "-padding-32b")
                            .substring(0, 32).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            // prod drains for 10 s on shutdown; the tests need not wait that long
            config.put("quarkus.shutdown.delay", "1s");
        }
        return config;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port for the test server", e);
        }
    }

    private static String jdbcUrl() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                .orElse("jdbc:postgresql://127.0.0.1:5432/test");
    }

    private static String redisHosts() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.redis.hosts", String.class)
                .orElse("redis://127.0.0.1:6379");
    }

    @Override
    public void stop() {
        dropSchema();
        try (RedisTestClient redis = RedisTestClient.fromConfig()) {
            redis.deleteByPrefix(REDIS_PREFIX);
        } catch (Exception e) {
            System.err.println("could not remove test keys " + REDIS_PREFIX + ": " + e);
        }
    }

    private static void dropSchema() {
        String url = jdbcUrl();
        String user = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.username", String.class)
                .orElse("postgres");
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class)
                .orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (Exception e) {
            System.err.println("could not drop test schema " + SCHEMA + ": " + e);
        }
    }
}
