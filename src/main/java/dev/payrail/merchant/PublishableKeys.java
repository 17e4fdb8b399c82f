package dev.payrail.merchant;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import io.smallrye.mutiny.Uni;

/**
 * Publishable keys ({@code pk_test_…} / {@code pk_live_…}): the only credential the checkout page and
 * checkout.js carry. A publishable key identifies the merchant and nothing more: it opens the public
 * checkout endpoints for that merchant's orders only, never the merchant API. Resolved keys are cached
 * for {@link AuthConfig#cacheTtl()}, like API keys.
 */
@Singleton
public class PublishableKeys {

    private static final int KEY_LENGTH = 24;
    private static final int MAX_ENTRIES = 50_000;

    /** What the checkout knows about the merchant of a publishable key. */
    public record CheckoutMerchant(String id, String name, String publishableKey, boolean live,
            List<String> allowedOrigins, String logoUrl, boolean active) {

        public boolean testMode() {
            return !live;
        }
    }

    private record Entry(CheckoutMerchant merchant, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final MerchantRepository merchants;
    private final long ttlNanos;

    PublishableKeys(MerchantRepository merchants, AuthConfig config) {
        this.merchants = merchants;
        this.ttlNanos = config.cacheTtl().toNanos();
    }

    public static String newKey(boolean live) {
        return (live ? "pk_live_" : "pk_test_") + Ids.random(KEY_LENGTH);
    }

    /** Whether a string has the shape of a publishable key (anything else never reaches a lookup). */
    public static boolean wellFormed(String key) {
        return key != null && key.matches("pk_(test|live)_[0-9A-Za-z]{8,40}");
    }

    /** The stored, space-separated allowed origins as a list. */
    public static List<String> origins(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.asList(stored.trim().split(" +"));
    }

    /** The active merchant of this key, or a {@code null} item. */
    public Uni<CheckoutMerchant> resolve(String key) {
        if (!wellFormed(key)) {
            return Uni.createFrom().nullItem();
        }
        Entry entry = cache.get(key);
        if (entry != null && entry.expiresAtNanos - System.nanoTime() > 0) {
            return Uni.createFrom().item(entry.merchant.active() ? entry.merchant : null);
        }
        return merchants.findByPublishableKey(key).map(m -> {
            if (m == null) {
                cache.remove(key);
                return null;
            }
            CheckoutMerchant resolved = of(m);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(key, new Entry(resolved, System.nanoTime() + ttlNanos));
            return resolved.active() ? resolved : null;
        });
    }

    /** The merchant by id, for the hosted page reached with an order id only. */
    public Uni<CheckoutMerchant> byId(String merchantId) {
        return merchants.findById(merchantId).map(m -> m == null || !m.active ? null : of(m));
    }

    static CheckoutMerchant of(Merchant m) {
        return new CheckoutMerchant(m.id, m.name, m.publishableKey, m.apiKeyId.startsWith("key_live_"),
                origins(m.checkoutAllowedOrigins), m.checkoutLogoUrl, m.active);
    }

    /** Forgets a key at once on this pod (after rotation or a settings change). */
    public void invalidate(String key) {
        if (key != null) {
            cache.remove(key);
        }
    }
}
