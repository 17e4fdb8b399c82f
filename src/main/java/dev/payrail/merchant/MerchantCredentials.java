package dev.payrail.merchant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Returned once, when a merchant is created or its secret rotated: the only time the secret is
 * ever readable.
 */
@Schema(example = MerchantCredentials.EXAMPLE)
public record MerchantCredentials(MerchantView merchant, String apiKey, String apiSecret, String webhookSecret) {

    /** An example for the OpenAPI document. */
    static final String EXAMPLE = "{\"merchant\":{\"id\":\"mer_4pWoLoxNV6zFdN\",\"object\":\"merchant\",\"name\":\"Acme\",\"email\":\"ops@acme.example\",\"api_key\":\"key_test_uj5YOVVBdq6fsr\",\"publishable_key\":\"pk_test_fHvFSQzOHtnJ94FpvcUAG6VZ\",\"checkout_allowed_origins\":[\"https://shop.acme.example\"],\"active\":true,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"},\"api_key\":\"key_test_uj5YOVVBdq6fsr\",\"api_secret\":\"secret_test_XNBw1Vsy18hjjIVvypymBNgu71BHFedW\",\"webhook_secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}";

}
