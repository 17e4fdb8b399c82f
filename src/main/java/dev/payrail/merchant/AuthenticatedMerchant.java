package dev.payrail.merchant;

/** What the request path knows about the caller once its credentials are checked. */
public record AuthenticatedMerchant(String id, String name, String apiKeyId, boolean live) {
}
