package dev.payrail.payment;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code POST /api/v1/payments/{id}/capture} and {@code /cancel} need no body: sent without one and
 * without a {@code Content-Type}, they are read as an empty JSON request (as {@code {}}), not refused
 * with {@code 415}.
 */
public class BodylessActions {

    private static final Pattern ACTION = Pattern.compile("/api/v1/payments/[^/]+/(capture|cancel)/?");

    @ServerRequestFilter(preMatching = true)
    public void defaultToJson(ContainerRequestContext request) {
        if ("POST".equals(request.getMethod()) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null
                && ACTION.matcher(request.getUriInfo().getPath()).matches()) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
