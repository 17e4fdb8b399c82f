package dev.payrail.connector.paypal;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Where the connector gets a merchant's PayPal REST app credentials. Today every merchant uses
 * the platform credentials from configuration; per-merchant encrypted credentials plug in here.
 */
@ApplicationScoped
public class PayPalCredentials {

    /** A PayPal REST app: client id and secret, and the id of its registered webhook. */
    public record Credentials(String clientId, String clientSecret, String webhookId) {

        @Override
        public String toString() {
            return "Credentials[" + clientId + ", secret=***, " + webhookId + "]";
        }
    }

    private final PayPalConfig config;

    PayPalCredentials(PayPalConfig config) {
        this.config = config;
    }

    /** The credentials to use for a merchant's payments ({@code merchantId} may be null: platform account). */
    public Uni<Credentials> forMerchant(String merchantId) {
        return Uni.createFrom().item(platform());
    }

    /** The credentials whose webhook id verifies inbound webhooks. */
    public Uni<Credentials> forWebhooks() {
        return Uni.createFrom().item(platform());
    }

    private Credentials platform() {
        return new Credentials(config.clientId(), config.clientSecret(), config.webhookId());
    }
}
