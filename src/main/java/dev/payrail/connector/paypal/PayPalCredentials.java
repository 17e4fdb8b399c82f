package dev.payrail.connector.paypal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.provider.ProviderAccounts;
import io.smallrye.mutiny.Uni;

/**
 * Where the connector gets a merchant's PayPal REST app credentials: the merchant's own, stored
 * encrypted with {@code PUT /api/v1/providers/paypal/credentials} ({@code client_id},
 * {@code client_secret}, optionally {@code webhook_id}), else the platform app from configuration.
 */
@Singleton
public class PayPalCredentials {

    /** A PayPal REST app: client id and secret, and the id of its registered webhook. */
    public record Credentials(String clientId, String clientSecret, String webhookId) {

        /**
         * What a cached access token belongs to: the client id and a digest of the secret, so that a
         * wrong secret never rides on a token obtained with the right one.
         */
        String cacheKey() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientSecret.getBytes(StandardCharsets.UTF_8));
                return clientId + ":" + HexFormat.of().formatHex(digest, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "Credentials[" + clientId + ", secret=***, " + webhookId + "]";
        }
    }

    /** The credential fields a merchant stores. */
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String WEBHOOK_ID = "webhook_id";

    private final PayPalConfig config;
    private final ProviderAccounts accounts;

    PayPalCredentials(PayPalConfig config, ProviderAccounts accounts) {
        this.config = config;
        this.accounts = accounts;
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
        return accounts.credentials(merchantId, PayPalConnector.NAME)
                .map(stored -> stored.containsKey(CLIENT_ID) ? merchants(stored) : platform());
    }

    private static Credentials merchants(Map<String, String> stored) {
        return new Credentials(stored.get(CLIENT_ID), stored.get(CLIENT_SECRET), stored.get(WEBHOOK_ID));
    }

    /**
     * The credentials whose webhook id verifies webhooks addressed to an account: the platform's
     * ({@code merchantId} null) or the merchant's own stored app. A merchant without a stored
     * {@code webhook_id} fails with {@link NotConfigured}: the platform's webhook id never verifies an
     * event addressed to a merchant.
     */
    public Uni<Credentials> forWebhooks(String merchantId) {
        if (merchantId != null) {
            return accounts.credentials(merchantId, PayPalConnector.NAME).map(stored -> {
                if (!stored.containsKey(CLIENT_ID) || stored.get(WEBHOOK_ID) == null) {
                    throw new NotConfigured("no PayPal webhook id for merchant " + merchantId);
                }
                return merchants(stored);
            });
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
