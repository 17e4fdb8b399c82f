package dev.payrail.merchant;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

/**
 * Checks API credentials. Verified keys are cached for {@link AuthConfig#cacheTtl()}, so the
 * steady state costs no database round trip; a wrong secret is checked against the cached digest
 * in constant time, and unknown keys always go to the database (they are never cached).
 */
@Singleton
public class MerchantAuthenticator {

    private static final int MAX_ENTRIES = 50_000;

    private record Entry(AuthenticatedMerchant merchant, String secretDigest, boolean active, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final MerchantRepository merchants;
    private final long ttlNanos;

    MerchantAuthenticator(MerchantRepository merchants, AuthConfig config) {
        this.merchants = merchants;
        this.ttlNanos = config.cacheTtl().toNanos();
    }

    /** The merchant these credentials belong to, or a {@code null} item when they are not valid. */
    public Uni<AuthenticatedMerchant> authenticate(String keyId, String secret) {
        Entry entry = cache.get(keyId);
        if (entry != null && entry.expiresAtNanos - System.nanoTime() > 0) {
            return Uni.createFrom().item(check(entry, secret));
        }
        return merchants.findByApiKey(keyId).map(m -> {
            if (m == null) {
                cache.remove(keyId);
                return null;
            }
            Entry fresh = new Entry(
                    new AuthenticatedMerchant(m.id, m.name, m.apiKeyId, m.apiKeyId.startsWith("key_live_"),
                            m.rateLimitPerSecond, m.rateLimitBurst),
                    m.apiSecretDigest, m.active, System.nanoTime() + ttlNanos);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(keyId, fresh);
            return check(fresh, secret);
        });
    }

    private static AuthenticatedMerchant check(Entry entry, String secret) {
        boolean secretOk = ApiSecrets.matches(secret, entry.secretDigest);
        return secretOk && entry.active ? entry.merchant : null;
    }

    /** Forgets a key at once on this pod (after rotation or deactivation). */
    public void invalidate(String keyId) {
        cache.remove(keyId);
    }
}
