package dev.payrail.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.payrail.common.ApiException;
import dev.payrail.common.Json;
import dev.payrail.common.StrictText;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.ProviderHealth;
import dev.payrail.connector.PaymentMethodType;
import io.smallrye.mutiny.Uni;

/**
 * Merchants' provider accounts as the payment path needs them: which providers to try in which
 * order, and the decrypted credentials a connector calls with. Both are cached per pod for
 * {@code payrail.credentials.cache-ttl}, so the steady state costs no database round trip;
 * changes made through this pod take effect at once, elsewhere within the TTL.
 */
@Singleton
public class ProviderAccounts {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ProviderAccountStore store;
    private final CredentialCipher cipher;
    private final ConnectorRegistry connectors;
    private final ProviderHealth health;
    private final RoutingConfig routing;
    private final Json json;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    ProviderAccounts(ProviderAccountStore store, CredentialCipher cipher, ConnectorRegistry connectors,
            ProviderHealth health, RoutingConfig routing, CredentialsConfig config, Json json) {
        this.store = store;
        this.cipher = cipher;
        this.connectors = connectors;
        this.health = health;
        this.routing = routing;
        this.json = json;
        this.ttlNanos = config.cacheTtl().toNanos();
    }

    private static final class Cached {
        final ProviderAccountStore.Routing routing;
        final long loadedAt = System.nanoTime();
        final ConcurrentHashMap<String, Map<String, String>> decrypted = new ConcurrentHashMap<>();

        Cached(ProviderAccountStore.Routing routing) {
            this.routing = routing;
        }
    }

    private Uni<Cached> cached(String merchantId) {
        Cached c = cache.get(merchantId);
        if (c != null && System.nanoTime() - c.loadedAt < ttlNanos) {
            return Uni.createFrom().item(c);
        }
        return store.load(merchantId).map(r -> {
            Cached fresh = new Cached(r);
            cache.put(merchantId, fresh);
            return fresh;
        });
    }

    public Uni<ProviderAccountStore.Routing> routing(String merchantId) {
        return cached(merchantId).map(c -> c.routing);
    }

    /** Forgets what this pod cached for a merchant (after a change). */
    public void invalidate(String merchantId) {
        cache.remove(merchantId);
    }

    /**
     * The merchant's decrypted credentials for a provider; empty when the merchant stored none (the
     * connector then uses its configured account, if any).
     */
    public Uni<Map<String, String>> credentials(String merchantId, String provider) {
        if (merchantId == null) {
            return Uni.createFrom().item(Map.of());
        }
        return cached(merchantId).map(c -> c.decrypted.computeIfAbsent(provider, p -> {
            for (ProviderAccount a : c.routing.accounts()) {
                if (a.provider().equals(p) && a.hasCredentials()) {
                    String plain = cipher.decrypt(merchantId, p, a.ciphertext(), a.keyId());
                    try {
                        return Map.copyOf(json.mapper().readerFor(STRING_MAP)
                                .withAttribute(StrictText.STORED_DATA, Boolean.TRUE).<Map<String, String>>readValue(plain));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("stored credentials of " + merchantId + "/" + p + " are not JSON");
                    }
                }
            }
            return Map.of();
        }));
    }

    /**
     * The providers to try for a payment, best first. An explicit provider is the only candidate
     * when it takes the payment and the merchant did not disable it; otherwise the merchant's
     * enabled accounts by priority (or by recent success rate when the merchant chose that), or the
     * configured default order for merchants without accounts — each filtered by method, currency
     * and amount.
     */
    public Uni<List<PaymentConnector>> candidates(String merchantId, PaymentMethodType method, String currency,
            long amount, String explicit) {
        return routing(merchantId).map(r -> {
            if (explicit != null) {
                PaymentConnector c = connectors.get(explicit);
                if (c == null) {
                    throw ApiException.badRequest("Unknown provider: " + explicit + ".", "provider");
                }
                if (!c.supports(method, currency, amount)) {
                    String units = c.units().refusal(currency, amount);
                    if (units != null) {
                        throw ApiException.badRequest("Provider " + c.name() + " cannot take this amount: " + units
                                + ".", "amount");
                    }
                    throw ApiException.badRequest("Provider " + c.name() + " does not take this payment method, "
                            + "currency or amount.", "provider");
                }
                boolean disabled = r.accounts().stream().anyMatch(a -> a.provider().equals(explicit) && !a.enabled());
                if (disabled) {
                    throw ApiException.badRequest("Provider " + c.name() + " is disabled for this merchant.", "provider");
                }
                return List.of(c);
            }
            List<String> names = r.accounts().isEmpty() ? routing.defaultOrder().orElse(List.of())
                    : r.accounts().stream().filter(ProviderAccount::enabled)
                            .sorted(Comparator.comparingInt(ProviderAccount::priority).thenComparing(ProviderAccount::provider))
                            .map(ProviderAccount::provider).toList();
            List<PaymentConnector> out = new ArrayList<>();
            for (String name : names) {
                PaymentConnector c = connectors.get(name);
                if (c != null && c.supports(method, currency, amount)) {
                    out.add(c);
                }
            }
            if (r.bySuccessRate() && out.size() > 1) {
                out.sort(Comparator.comparingDouble((PaymentConnector c) -> -health.successRate(c.name(), 1.0)));
            }
            if (out.isEmpty()) {
                throw ApiException.badRequest("No enabled provider takes " + method.jsonName() + " payments of this "
                        + "currency and amount.", "method");
            }
            return out;
        });
    }
}
