package dev.payrail.provider;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.common.ApiException;
import dev.payrail.common.Json;
import dev.payrail.common.TextGuard;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.PaymentConnector;
import io.smallrye.mutiny.Uni;

/**
 * Stores a merchant's credentials for one provider: checked against the connector's required and
 * optional fields, sealed with {@link CredentialCipher} (AES-GCM, key id kept for rotation) and saved;
 * the merchant's routing cache is dropped. The REST {@code PUT /api/v1/providers/{provider}/credentials}
 * and GraphQL's {@code saveOrUpdateProviderKeys} both store through here. No secret is ever returned.
 */
@Singleton
public class ProviderCredentials {

    private static final Logger LOG = Logger.getLogger(ProviderCredentials.class);
    private static final int MAX_VALUE_LENGTH = 4096;

    private final ProviderAccountStore store;
    private final ProviderAccounts accounts;
    private final CredentialCipher cipher;
    private final ConnectorRegistry connectors;
    private final Json json;

    ProviderCredentials(ProviderAccountStore store, ProviderAccounts accounts, CredentialCipher cipher,
            ConnectorRegistry connectors, Json json) {
        this.store = store;
        this.accounts = accounts;
        this.cipher = cipher;
        this.connectors = connectors;
        this.json = json;
    }

    /** What was saved: the connector and the merchant's account with it (credentials sealed). */
    public record Saved(PaymentConnector connector, ProviderAccount account, java.util.List<String> fields) {
    }

    public Uni<Saved> save(String merchantId, String provider, Map<String, Object> body) {
        PaymentConnector c = requireConnector(provider);
        Map<String, String> credentials = validate(c, body);
        String plain = json.write(new TreeMap<>(credentials));
        CredentialCipher.Sealed sealed = cipher.encrypt(merchantId, c.name(), plain);
        LOG.infof("merchant %s stored %s credentials (fields %s, key %s)", merchantId, c.name(),
                new TreeMap<>(credentials).keySet(), sealed.keyId());
        return store.saveCredentials(merchantId, c.name(), sealed, Instant.now().truncatedTo(ChronoUnit.MICROS))
                .invoke(() -> accounts.invalidate(merchantId))
                .map(a -> new Saved(c, a, java.util.List.copyOf(credentials.keySet())));
    }

    /**
     * A credentials body read as a JSON tree: text values as strings, anything else as it came (refused
     * by {@link #validate}). Credentials are opaque secrets, encrypted and never logged, and a provider's
     * own ids may look like card numbers, so only NUL characters and lone surrogates are refused here.
     */
    static Map<String, Object> fields(ObjectNode body) {
        if (body == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (var e : body.properties()) {
            fields.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : e.getValue());
        }
        return fields;
    }

    PaymentConnector requireConnector(String provider) {
        PaymentConnector c = provider == null ? null : connectors.get(provider);
        if (c == null) {
            throw ApiException.notFound("provider");
        }
        return c;
    }

    private static Map<String, String> validate(PaymentConnector c, Map<String, Object> body) {
        if (c.requiredCredentials().isEmpty() && c.optionalCredentials().isEmpty()) {
            throw ApiException.badRequest("Provider " + c.name() + " takes no credentials.", null);
        }
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("A JSON object of " + c.name() + " credentials is required.", null);
        }
        Set<String> allowed = new HashSet<>(c.requiredCredentials());
        allowed.addAll(c.optionalCredentials());
        Map<String, String> out = new TreeMap<>();
        for (var e : body.entrySet()) {
            TextGuard.Flaw keyFlaw = TextGuard.flaw(e.getKey());
            if (keyFlaw != null) {
                throw ApiException.badRequest("A credential name " + keyFlaw.message() + ".", "credentials");
            }
            if (!allowed.contains(e.getKey())) {
                throw ApiException.badRequest("Unknown " + c.name() + " credential: " + e.getKey() + " (allowed: "
                        + new java.util.TreeSet<>(allowed) + ").", e.getKey());
            }
            if (!(e.getValue() instanceof String s) || s.isBlank() || s.length() > MAX_VALUE_LENGTH) {
                throw ApiException.badRequest(e.getKey() + " must be a non-empty string.", e.getKey());
            }
            TextGuard.Flaw flaw = TextGuard.encodingFlaw(s);
            if (flaw != null) {
                throw ApiException.badRequest(e.getKey() + " " + flaw.message() + ".", e.getKey());
            }
            out.put(e.getKey(), s);
        }
        for (String required : c.requiredCredentials()) {
            if (!out.containsKey(required)) {
                throw ApiException.badRequest(required + " is required for " + c.name() + ".", required);
            }
        }
        return out;
    }
}
