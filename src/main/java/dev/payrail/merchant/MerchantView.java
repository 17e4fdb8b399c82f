package dev.payrail.merchant;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A merchant as the APIs show it: never its secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MerchantView(String id, String object, String name, String email, String apiKey, String publishableKey,
        List<String> checkoutAllowedOrigins, String checkoutLogoUrl, String webhookUrl,
        boolean active, Integer rateLimitPerSecond, Integer rateLimitBurst, Instant createdAt, Instant updatedAt) {

    public static MerchantView of(Merchant m) {
        return new MerchantView(m.id, "merchant", m.name, m.email, m.apiKeyId, m.publishableKey,
                PublishableKeys.origins(m.checkoutAllowedOrigins), m.checkoutLogoUrl, m.webhookUrl, m.active,
                m.rateLimitPerSecond, m.rateLimitBurst, m.createdAt, m.updatedAt);
    }
}
