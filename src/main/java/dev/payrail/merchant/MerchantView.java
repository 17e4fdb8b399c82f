package dev.payrail.merchant;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A merchant as the APIs show it: never its secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(example = MerchantView.EXAMPLE)
public record MerchantView(String id, String object, String name, String email, String apiKey, String publishableKey,
        List<String> checkoutAllowedOrigins, String checkoutLogoUrl, String webhookUrl,
        boolean active, Integer rateLimitPerSecond, Integer rateLimitBurst, Instant createdAt, Instant updatedAt) {

    /** An example for the OpenAPI document. */
    static final String EXAMPLE = "{\"id\":\"mer_4pWoLoxNV6zFdN\",\"object\":\"merchant\",\"name\":\"Acme\",\"email\":\"ops@acme.example\",\"api_key\":\"key_test_uj5YOVVBdq6fsr\",\"publishable_key\":\"pk_test_fHvFSQzOHtnJ94FpvcUAG6VZ\",\"checkout_allowed_origins\":[\"https://shop.acme.example\"],\"active\":true,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}";


    public static MerchantView of(Merchant m) {
        return new MerchantView(m.id, "merchant", m.name, m.email, m.apiKeyId, m.publishableKey,
                PublishableKeys.origins(m.checkoutAllowedOrigins), m.checkoutLogoUrl, m.webhookUrl, m.active,
                m.rateLimitPerSecond, m.rateLimitBurst, m.createdAt, m.updatedAt);
    }
}
