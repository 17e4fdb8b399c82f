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

    /** No PayPal credentials are configured: nothing can be sent. */
    public static final class NotConfigured extends RuntimeException {
        NotConfigured(String what) {
            super("PayPal is not configured (" + what + ")", null, false, false);
        }
    }

    /**
     * The credentials to use for a merchant's payments ({@code merchantId} may be null: platform
     * account). Fails with {@link NotConfigured} when there are none.
     */
    public Uni<Credentials> forMerchant(String merchantId) {
        return Uni.createFrom().item(this::platform);
    }

    /**
     * The credentials whose webhook id verifies webhooks addressed to an account: the platform's
     * ({@code merchantId} null) or a merchant's own. Merchants cannot store PayPal credentials yet,
     * so a merchant's account has none and fails with {@link NotConfigured}; the platform's webhook
     * id never verifies an event addressed to a merchant.
     */
    public Uni<Credentials> forWebhooks(String merchantId) {
        if (merchantId != null) {
            return Uni.createFrom().failure(new NotConfigured("no PayPal webhook id for merchant " + merchantId));
        }
        return Uni.createFrom().item(() -> {
            Credentials c = platform();
            if (c.webhookId() == null) {
                throw new NotConfigured("payrail.paypal.webhook-id");
            }
            return c;
        });
    }

    private Credentials platform() {
        String id = config.clientId().filter(s -> !s.isBlank()).orElseThrow(() -> new NotConfigured("payrail.paypal.client-id"));
        String secret = config.clientSecret().filter(s -> !s.isBlank())
                .orElseThrow(() -> new NotConfigured("payrail.paypal.client-secret"));
        return new Credentials(id, secret, config.webhookId().filter(s -> !s.isBlank()).orElse(null));
    }
}
