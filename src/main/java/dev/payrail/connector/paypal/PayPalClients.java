package dev.payrail.connector.paypal;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.inject.RestClient;


/**
 * The PayPal REST clients: package-private {@code @RegisterRestClient(configKey = "paypal")}
 * interfaces injected with {@code @RestClient}, so {@code quarkus.rest-client.paypal.*} configures
 * them (URL, timeouts, pool). Prod: PayPal itself ({@code PAYPAL_API_URL}); dev, test and sandbox
 * name the emulator on this server's own port ({@code /sandbox/paypal}). Every status comes back
 * as a {@code RestResponse} ({@code microprofile.rest.client.disable.default.mapper}): the
 * connector translates PayPal errors itself.
 */
@Singleton
class PayPalClients {

    /** Path of the emulator under Payrail's own HTTP server. */
    static final String SANDBOX_PATH = "/sandbox/paypal";

    private final Apis apis;

    record Apis(PayPalOAuthApi oauth, PayPalOrdersApi orders, PayPalPaymentsApi payments,
            PayPalNotificationsApi notifications, PayPalDisputesApi disputes) {
    }

    PayPalClients(@RestClient PayPalOAuthApi oauth, @RestClient PayPalOrdersApi orders,
            @RestClient PayPalPaymentsApi payments, @RestClient PayPalNotificationsApi notifications,
            @RestClient PayPalDisputesApi disputes) {
        this.apis = new Apis(oauth, orders, payments, notifications, disputes);
    }

    Apis apis() {
        return apis;
    }

    /** {@code quarkus.rest-client.paypal.url}, when set. */
    static Optional<String> configuredBaseUrl() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.rest-client.paypal.url", String.class)
                .filter(s -> !s.isBlank());
    }

    /** {@code http://localhost:<actual port>} of this process's HTTP server. */
    static String localBaseUrl() {
        return dev.payrail.common.PublicBaseUrl.local();
    }
}
