package dev.payrail.connector.paypal;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.LaunchMode;

/**
 * The PayPal REST clients, built on first use. The base URL is {@code quarkus.rest-client.paypal.url}
 * when set (prod: PayPal itself); otherwise the sandbox emulator served by this very process, on
 * the port the HTTP server really listens on (tests use a random port, known only after start).
 */
@ApplicationScoped
class PayPalClients {

    /** Path of the emulator under Payrail's own HTTP server. */
    static final String SANDBOX_PATH = "/sandbox/paypal";

    private final PayPalConfig config;
    private volatile Apis apis;

    record Apis(URI baseUri, PayPalOAuthApi oauth, PayPalOrdersApi orders, PayPalPaymentsApi payments,
            PayPalNotificationsApi notifications) {
    }

    PayPalClients(PayPalConfig config) {
        this.config = config;
    }

    Apis apis() {
        Apis a = apis;
        if (a == null) {
            synchronized (this) {
                a = apis;
                if (a == null) {
                    a = build(baseUri());
                    apis = a;
                }
            }
        }
        return a;
    }

    private Apis build(URI base) {
        return new Apis(base, builder(base).build(PayPalOAuthApi.class), builder(base).build(PayPalOrdersApi.class),
                builder(base).build(PayPalPaymentsApi.class), builder(base).build(PayPalNotificationsApi.class));
    }

    private QuarkusRestClientBuilder builder(URI base) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Every status comes back as a RestResponse: the connector translates PayPal errors itself.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .property("io.quarkus.rest.client.connection-pool-size", config.connectionPoolSize());
    }

    /** PayPal's base URL: configured, or the local sandbox. */
    static URI baseUri() {
        return URI.create(configuredBaseUrl().orElseGet(() -> localBaseUrl() + SANDBOX_PATH));
    }

    /** {@code quarkus.rest-client.paypal.url}, when set. */
    static Optional<String> configuredBaseUrl() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.rest-client.paypal.url", String.class)
                .filter(s -> !s.isBlank());
    }

    /** {@code http://localhost:<actual port>} of this process's HTTP server. */
    static String localBaseUrl() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String port = System.getProperty(key);
        if (port == null || port.isBlank() || "0".equals(port)) {
            port = ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("8080");
        }
        return "http://localhost:" + port;
    }
}
