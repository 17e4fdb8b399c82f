package dev.payrail.checkout;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Security headers of everything the checkout serves: no MIME sniffing, no referrer (the page's URL
 * holds the order id), and no caching of pages and API answers. The page's Content-Security-Policy
 * is set by {@link CheckoutPageResource}.
 */
public class CheckoutHeaders {

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/checkout") && !path.startsWith("/v1/checkout")) {
            return;
        }
        var h = response.getHeaders();
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "no-referrer");
        if (!h.containsKey("Cache-Control")) {
            h.putSingle("Cache-Control", "no-store");
        }
        if (path.equals("/checkout") && !h.containsKey("Content-Security-Policy")) {
            h.putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
    }
}
