package dev.payrail.connector.paypal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * OAuth2 client-credentials tokens, one per PayPal app, cached until {@code tokenRefreshMargin}
 * before they expire. At most one refresh per app is in flight: callers share the memoized Uni of
 * the pending request, and a failed refresh is dropped so the next caller tries again. No locks.
 */
@Singleton
class PayPalTokens {

    /** A cached or pending token. {@code expiresAt} is null while the request is in flight. */
    private static final class Entry {
        final Uni<String> token;
        volatile Instant refreshAt;

        Entry(Uni<String> token) {
            this.token = token;
        }

        boolean usable(Instant now) {
            Instant at = refreshAt;
            return at == null || now.isBefore(at);
        }
    }

    /** The token endpoint answered with an error: not retryable by the caller. */
    static final class TokenRejected extends RuntimeException {
        final int status;

        TokenRejected(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final PayPalClients clients;
    private final PayPalConfig config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final Clock clock = Clock.systemUTC();

    PayPalTokens(PayPalClients clients, PayPalConfig config) {
        this.clients = clients;
        this.config = config;
    }

    /** A valid access token for these credentials. */
    Uni<String> token(PayPalCredentials.Credentials credentials) {
        return Uni.createFrom().deferred(() -> current(credentials).token);
    }

    private Entry current(PayPalCredentials.Credentials credentials) {
        String key = credentials.cacheKey();
        Instant now = clock.instant();
        Entry existing = entries.get(key);
        if (existing != null && existing.usable(now)) {
            return existing;
        }
        Entry[] created = new Entry[1];
        Entry winner = entries.compute(key, (k, e) -> {
            if (e != null && e != existing && e.usable(now)) {
                return e; // someone else started a refresh meanwhile
            }
            created[0] = newEntry(credentials);
            return created[0];
        });
        return winner;
    }

    private Entry newEntry(PayPalCredentials.Credentials credentials) {
        Entry[] self = new Entry[1];
        Uni<String> request = Uni.createFrom().deferred(() -> fetch(credentials))
                .onItem().transform(t -> {
                    self[0].refreshAt = t.refreshAt();
                    return t.accessToken();
                })
                .onFailure().invoke(() -> entries.remove(credentials.cacheKey(), self[0]))
                .memoize().indefinitely();
        self[0] = new Entry(request);
        return self[0];
    }

    private record Token(String accessToken, Instant refreshAt) {
    }

    private Uni<Token> fetch(PayPalCredentials.Credentials credentials) {
        requests.increment();
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
        Instant sentAt = clock.instant();
        return clients.apis().oauth().token(basic, "grant_type=client_credentials").map(response -> {
            if (response.getStatus() != 200) {
                throw new TokenRejected(response.getStatus(), "PayPal refused the token request (HTTP "
                        + response.getStatus() + ")");
            }
            try {
                JsonNode body = mapper.readTree(PayPalConnector.entity(response));
                String accessToken = body.path("access_token").asText(null);
                long expiresIn = body.path("expires_in").asLong(0);
                if (accessToken == null || accessToken.isBlank() || expiresIn <= 0) {
                    throw new TokenRejected(502, "PayPal's token response has no access_token/expires_in");
                }
                return new Token(accessToken, sentAt.plusSeconds(expiresIn).minus(config.tokenRefreshMargin()));
            } catch (java.io.IOException e) {
                throw new TokenRejected(502, "PayPal's token response is not JSON");
            }
        });
    }

    /** Forgets a token PayPal no longer accepts (HTTP 401), so that the next call fetches a new one. */
    void invalidate(PayPalCredentials.Credentials credentials) {
        Entry e = entries.get(credentials.cacheKey());
        if (e != null && e.refreshAt != null) {
            entries.remove(credentials.cacheKey(), e);
        }
    }

    /** Token requests sent since start. */
    long requestsSent() {
        return requests.sum();
    }
}
