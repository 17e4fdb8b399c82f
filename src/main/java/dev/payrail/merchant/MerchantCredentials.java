package dev.payrail.merchant;

/**
 * Returned once, when a merchant is created or its secret rotated: the only time the secret is
 * ever readable.
 */
public record MerchantCredentials(MerchantView merchant, String apiKey, String apiSecret, String webhookSecret) {
}
