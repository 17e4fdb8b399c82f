package dev.payrail.merchant;

/**
 * What the request path knows about the caller once its credentials are checked.
 * {@code rateLimitPerSecond} and {@code rateLimitBurst} are the merchant's rate-limit override,
 * {@code null} when the configured default applies.
 */
public record AuthenticatedMerchant(String id, String name, String apiKeyId, boolean live,
        Integer rateLimitPerSecond, Integer rateLimitBurst) {

    public AuthenticatedMerchant(String id, String name, String apiKeyId, boolean live) {
        this(id, name, apiKeyId, live, null, null);
    }
}
