package dev.payrail.connector.razorpay;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.provider.ProviderAccounts;
import io.smallrye.mutiny.Uni;

/**
 * Verifies the signature Razorpay Checkout hands the merchant's page after a payment
 * ({@code razorpay_signature} = hex HMAC-SHA256 of {@code order_id|payment_id} with the key secret),
 * with the merchant's own key secret (the configured sandbox account's when the merchant stored none).
 * The merchant passes the order id it stored, never the one the browser echoed.
 */
@Singleton
public class RazorpayCheckout {

    /** What the merchant sends: the ids and the signature from Checkout. */
    public record Request(String razorpayOrderId, String razorpayPaymentId, String razorpaySignature) {
    }

    private final ProviderAccounts accounts;
    private final RazorpayConfig config;

    RazorpayCheckout(ProviderAccounts accounts, RazorpayConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    /** {@code {"valid": true|false}}; a missing field is a {@code 400}. */
    public Uni<Map<String, Object>> verify(String merchantId, Request r) {
        if (r == null) {
            throw ApiException.badRequest("A JSON object with razorpay_order_id, razorpay_payment_id and razorpay_signature is required.", null);
        }
        require(r.razorpayOrderId(), "razorpay_order_id");
        require(r.razorpayPaymentId(), "razorpay_payment_id");
        require(r.razorpaySignature(), "razorpay_signature");
        return accounts.credentials(merchantId, RazorpayConnector.NAME).map(c -> {
            String secret = c.getOrDefault("key_secret", config.keySecret().orElse(null));
            if (secret == null) {
                throw new ApiException(422, "PROVIDER_NOT_CONFIGURED", "No Razorpay key secret is stored for this merchant.", null);
            }
            byte[] message = (r.razorpayOrderId() + "|" + r.razorpayPaymentId()).getBytes(StandardCharsets.UTF_8);
            return Map.of("valid", RazorpaySignature.matches(r.razorpaySignature(), message, secret));
        });
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required.", field);
        }
    }
}
