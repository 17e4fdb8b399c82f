package dev.payrail.merchant;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.payrail.common.ApiException;
import dev.payrail.common.Problems;
import dev.payrail.ratelimit.AuthFailureGuard;
import dev.payrail.ratelimit.ClientIp;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Authenticates every request under {@code /api/v1}: {@code X-Api-Key} + {@code X-Api-Secret},
 * or HTTP Basic {@code key:secret}. Every failure is the same {@code 401}, with no hint which part
 * was wrong. Failed authentications are limited per client IP ({@link AuthFailureGuard}): an IP
 * over its budget gets {@code 429} before its credentials are checked.
 */
public class ApiAuthFilter {

    public static final String API_PREFIX = "/api/v1/";
    private static final int MAX_CREDENTIAL_LENGTH = 256;

    private final MerchantAuthenticator authenticator;
    private final CurrentMerchant current;
    private final AuthFailureGuard failures;

    ApiAuthFilter(MerchantAuthenticator authenticator, CurrentMerchant current, AuthFailureGuard failures) {
        this.authenticator = authenticator;
        this.current = current;
        this.failures = failures;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(API_PREFIX)) {
            return null; // not this filter's path: a null Uni lets the request go on unsuspended
        }
        String ip = ClientIp.of(http);
        return failures.beforeAuthentication(ip).chain(blocked -> {
            if (blocked != null) {
                return Uni.createFrom().item(blocked);
            }
            String[] credentials = credentials(request);
            if (credentials == null) {
                return failures.onFailure(ip, unauthorized());
            }
            return authenticator.authenticate(credentials[0], credentials[1]).chain(merchant -> {
                if (merchant == null) {
                    return failures.onFailure(ip, unauthorized());
                }
                current.set(merchant);
                return Uni.createFrom().nullItem();
            });
        });
    }

    /** {key, secret}, or {@code null} when absent or malformed. */
    static String[] credentials(ContainerRequestContext request) {
        return credentials(request.getHeaderString("X-Api-Key"), request.getHeaderString("X-Api-Secret"),
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /**
     * {key, secret} from the {@code X-Api-Key} / {@code X-Api-Secret} headers or HTTP Basic, or
     * {@code null} when absent or malformed. Shared with the GraphQL endpoint, which is not JAX-RS.
     */
    public static String[] credentials(String key, String secret, String authorization) {
        if (key == null && secret == null) {
            if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            key = decoded.substring(0, colon);
            secret = decoded.substring(colon + 1);
        }
        if (!wellFormed(key) || !wellFormed(secret)) {
            return null;
        }
        return new String[] { key, secret };
    }

    /** Keys and secrets are printable ASCII: anything else (a NUL, say) never reaches the lookup. */
    private static boolean wellFormed(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_CREDENTIAL_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The {@code 401} problem with {@code WWW-Authenticate}, as every failed authentication gets it. */
    public static Response unauthorized() {
        return Response.fromResponse(Problems.response(ApiException.unauthorized()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"payrail\"")
                .build();
    }
}
