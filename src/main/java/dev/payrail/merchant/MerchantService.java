package dev.payrail.merchant;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.security.SecureRandom;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import dev.payrail.webhook.SecretCipher;
import io.smallrye.mutiny.Uni;

/** Creating merchants and managing their credentials. */
@Singleton
public class MerchantService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MerchantRepository merchants;
    private final MerchantAuthenticator authenticator;
    private final AuthConfig config;
    private final SecretCipher cipher;
    private final PublishableKeys publishable;

    MerchantService(MerchantRepository merchants, MerchantAuthenticator authenticator, AuthConfig config,
            SecretCipher cipher, PublishableKeys publishable) {
        this.merchants = merchants;
        this.authenticator = authenticator;
        this.config = config;
        this.cipher = cipher;
        this.publishable = publishable;
    }

    public Uni<MerchantCredentials> create(CreateMerchantRequest request) {
        String secret = ApiSecrets.newSecret(config.liveMode());
        Merchant m = new Merchant();
        m.id = Ids.newId("mer_");
        m.name = request.name().trim();
        m.email = request.email().trim();
        m.apiKeyId = ApiSecrets.newKeyId(config.liveMode());
        m.apiSecretDigest = ApiSecrets.digest(secret);
        m.publishableKey = PublishableKeys.newKey(config.liveMode());
        m.webhookUrl = request.webhookUrl();
        String webhookSecret = newWebhookSecret();
        m.webhookSecret = cipher.seal(webhookSecret);
        m.active = true;
        m.createdAt = Instant.now();
        return merchants.insert(m)
                .map(saved -> new MerchantCredentials(MerchantView.of(saved), saved.apiKeyId, secret, webhookSecret));
    }

    public Uni<MerchantCredentials> rotateSecret(String merchantId) {
        String secret = ApiSecrets.newSecret(config.liveMode());
        return found(merchants.setSecretDigest(merchantId, ApiSecrets.digest(secret))).map(m -> {
            authenticator.invalidate(m.apiKeyId);
            return new MerchantCredentials(MerchantView.of(m), m.apiKeyId, secret, null);
        });
    }

    public Uni<MerchantView> deactivate(String merchantId) {
        return found(merchants.deactivate(merchantId)).map(m -> {
            authenticator.invalidate(m.apiKeyId);
            return MerchantView.of(m);
        });
    }

    /**
     * Sets or (with both values {@code null}) clears the merchant's rate-limit override. Takes
     * effect at once on this pod and within {@link AuthConfig#cacheTtl()} on the others.
     */
    public Uni<MerchantView> setRateLimit(String merchantId, Integer perSecond, Integer burst) {
        if (perSecond == null && burst != null) {
            return Uni.createFrom().failure(ApiException.badRequest("per_second is required with burst.", "per_second"));
        }
        if (perSecond != null && burst == null) {
            return Uni.createFrom().failure(ApiException.badRequest("burst is required with per_second.", "burst"));
        }
        return found(merchants.setRateLimit(merchantId, perSecond, burst)).map(m -> {
            authenticator.invalidate(m.apiKeyId);
            return MerchantView.of(m);
        });
    }

    /**
     * A new publishable key; the old one stops working at once on this pod and within
     * {@link AuthConfig#cacheTtl()} on the others (checkouts already open must be reloaded). Of two
     * concurrent rotations one wins; the other is {@code 409}.
     */
    public Uni<MerchantView> rotatePublishableKey(String merchantId) {
        return require(merchantId).chain(m -> merchants.replacePublishableKey(merchantId, m.publishableKey,
                PublishableKeys.newKey(m.apiKeyId.startsWith("key_live_"))).map(rotated -> {
                    if (rotated == null) {
                        throw new ApiException(409, "CONFLICT",
                                "The publishable key was rotated meanwhile; read the merchant again.", null);
                    }
                    publishable.invalidate(m.publishableKey);
                    return MerchantView.of(rotated);
                }));
    }

    /** Sets the checkout's allowed origins and logo (validated by the caller). */
    public Uni<MerchantView> setCheckoutSettings(String merchantId, List<String> origins, String logoUrl) {
        return found(merchants.setCheckoutSettings(merchantId, String.join(" ", origins), logoUrl)).map(m -> {
            publishable.invalidate(m.publishableKey);
            return MerchantView.of(m);
        });
    }

    public Uni<Merchant> require(String merchantId) {
        return found(merchants.findById(merchantId));
    }

    private static Uni<Merchant> found(Uni<Merchant> merchant) {
        return merchant.onItem().ifNull().failWith(() -> ApiException.notFound("merchant"));
    }

    /** A Standard Webhooks secret: {@code whsec_} and 32 random bytes in base64. */
    public static String newWebhookSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
