package dev.payrail.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the {@code dev} and {@code test} profiles at PostgreSQL and Redis on this machine when
 * they answer on their standard ports, so that a machine without a container engine needs no
 * Dev Services. When a service does not answer, nothing is supplied for it and Quarkus Dev
 * Services start a container as usual. Explicit settings (application.properties, environment,
 * system properties) always win: this source has the lowest ordinal of all.
 * <p>
 * Set {@code PAYRAIL_LOCAL_SERVICES=false} to skip the probe entirely.
 */
public class LocalServicesConfigSource implements ConfigSource {

    private static final int ORDINAL = 50;
    private static final int PROBE_TIMEOUT_MS = 300;

    private final Map<String, String> properties;

    public LocalServicesConfigSource() {
        this.properties = probe();
    }

    private static Map<String, String> probe() {
        if ("false".equalsIgnoreCase(System.getenv("PAYRAIL_LOCAL_SERVICES"))) {
            return Map.of();
        }
        Map<String, String> props = new HashMap<>();
        String pgHost = env("PAYRAIL_LOCAL_PG_HOST", "127.0.0.1");
        int pgPort = Integer.parseInt(env("PAYRAIL_LOCAL_PG_PORT", "5432"));
        if (reachable(pgHost, pgPort)) {
            String hostPort = pgHost + ":" + pgPort;
            props.put("%dev.quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/postgres");
            props.put("%dev.quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/postgres");
            props.put("%test.quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/test");
            props.put("%test.quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/test");
        }
        String redisHost = env("PAYRAIL_LOCAL_REDIS_HOST", "127.0.0.1");
        int redisPort = Integer.parseInt(env("PAYRAIL_LOCAL_REDIS_PORT", "6379"));
        if (reachable(redisHost, redisPort)) {
            String url = "redis://" + redisHost + ":" + redisPort;
            props.put("%dev.quarkus.redis.hosts", url);
            props.put("%test.quarkus.redis.hosts", url);
        }
        return Collections.unmodifiableMap(props);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "payrail-local-services";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
