package dev.payrail.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.security.SecureRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives this test run its own PostgreSQL schema and Redis key prefix, so that parallel and
 * repeated runs never collide, and removes both at the end. Applies to every {@code @QuarkusTest}.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    /** Unique per JVM: every Quarkus start of this run shares them. */
    public static final String RUN_ID = HexFormat.of().formatHex(SecureRandom.getSeed(5));
    public static final String SCHEMA = "payrail_t_" + RUN_ID;
    public static final String REDIS_PREFIX = "payrail-test-" + RUN_ID + ":";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "payrail.db.schema", SCHEMA,
                "payrail.redis.prefix", REDIS_PREFIX);
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
        String url = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                .orElse("jdbc:postgresql://127.0.0.1:5432/test");
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
