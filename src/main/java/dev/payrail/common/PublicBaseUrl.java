package dev.payrail.common;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;

/**
 * Where customers reach this Payrail: {@code payrail.public-base-url} ({@code PAYRAIL_PUBLIC_URL})
 * when set, else {@code http://localhost:<this process's HTTP port>}. Every URL Payrail hands out for
 * a customer to open ({@code next_action.url}, PayPal's return and cancel URLs) is absolute on it.
 */
public final class PublicBaseUrl {

    private PublicBaseUrl() {
    }

    /** {@code payrail.public-base-url} as read from one application's configuration. */
    private record Configured(Config config, Optional<String> value) {
    }

    /**
     * The last lookup: the setting is read once per configuration (an application start) instead of on every
     * payment that hands out a URL (it showed in the gateway's profile).
     */
    private static volatile Configured configured;

    private static Optional<String> configured() {
        Config config = ConfigProvider.getConfig();
        Configured last = configured;
        if (last == null || last.config() != config) {
            last = new Configured(config, config.getOptionalValue("payrail.public-base-url", String.class));
            configured = last;
        }
        return last.value();
    }

    /** The given base, else the configured one, else the local one; never a trailing slash. */
    public static String or(Optional<String> specific) {
        return specific.filter(s -> !s.isBlank())
                .or(PublicBaseUrl::configured)
                .filter(s -> !s.isBlank())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .orElseGet(PublicBaseUrl::local);
    }

    /** {@code http://localhost:<port>} of this process (the test port under tests). */
    public static String local() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String port = System.getProperty(key);
        if (port == null || port.isBlank() || "0".equals(port)) {
            port = ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("8080");
        }
        return "http://localhost:" + port;
    }
}
