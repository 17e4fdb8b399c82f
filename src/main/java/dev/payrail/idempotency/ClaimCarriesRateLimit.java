package dev.payrail.idempotency;

import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.payrail.common.ApiException;
import dev.payrail.payment.IdempotencyKeys;
import dev.payrail.ratelimit.DeferredLimit;
import dev.payrail.ratelimit.RateLimitFilters;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * A keyed request to an {@link Idempotent} endpoint checks the merchant's rate limit in the same Redis
 * script as its idempotency claim ({@link Idempotency#execute(String, String, String, DeferredLimit,
 * java.util.function.Supplier)}): one round trip instead of two. Runs just before the rate-limit filter
 * and offers to carry its check; a request without a valid key is checked by the filter as before.
 */
public class ClaimCarriesRateLimit {

    private final CurrentVertxRequest vertxRequest;

    ClaimCarriesRateLimit(CurrentVertxRequest vertxRequest) {
        this.vertxRequest = vertxRequest;
    }

    @ServerRequestFilter(priority = RateLimitFilters.PRIORITY - 10)
    public void offer(ResourceInfo resource) {
        RoutingContext routing = vertxRequest.getCurrent();
        if (routing == null || !idempotent(resource) || !validKey(routing.request().getHeader(IdempotencyKeys.HEADER))) {
            return;
        }
        DeferredLimit.offer(routing);
    }

    private static boolean idempotent(ResourceInfo resource) {
        return resource != null && resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(Idempotent.class)
                        || resource.getResourceClass().isAnnotationPresent(Idempotent.class));
    }

    /** A key the interceptor will accept (a bad one is refused there, after the filter's own check). */
    private static boolean validKey(String key) {
        try {
            return IdempotencyKeys.validate(key) != null;
        } catch (ApiException e) {
            return false;
        }
    }
}
