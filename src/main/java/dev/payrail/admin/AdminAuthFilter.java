package dev.payrail.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.payrail.common.ApiException;
import dev.payrail.common.Problems;

/** Guards {@code /admin/v1} with the configured bearer token (constant-time comparison). */
public class AdminAuthFilter {

    public static final String ADMIN_PREFIX = "/admin/v1/";

    private final Optional<byte[]> token;

    AdminAuthFilter(AdminConfig config) {
        this.token = config.token().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(ADMIN_PREFIX) && !path.equals("/admin/v1")) {
            return null;
        }
        if (token.isEmpty()) {
            return Problems.response(new ApiException(404, "NOT_FOUND_ERROR",
                    "The admin API is disabled: set payrail.admin.token to enable it.", null));
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized();
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token.get())) {
            return unauthorized();
        }
        return null;
    }

    private static Response unauthorized() {
        return Response.fromResponse(Problems.response(new ApiException(401, "AUTHENTICATION_ERROR",
                "Authentication failed: provide the admin bearer token.", null)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"payrail-admin\"")
                .build();
    }
}
