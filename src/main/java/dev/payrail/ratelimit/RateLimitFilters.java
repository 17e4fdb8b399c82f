package dev.payrail.ratelimit;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.payrail.merchant.ApiAuthFilter;
import dev.payrail.merchant.CurrentMerchant;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies the merchant limit to everything under {@code /api/v1} right after authentication
 * ({@code ApiAuthFilter} runs at {@link Priorities#AUTHENTICATION}; a request it rejects never
 * gets here, so a {@code 401} costs the merchant nothing), and the per-IP limit to endpoints
 * annotated {@link PublicRateLimited}. Every limited response carries {@code RateLimit-Policy}
 * and {@code RateLimit}; a rejection is {@code 429} with {@code Retry-After}. A keyed API request
 * whose idempotency claim offered to carry the merchant check ({@link DeferredLimit}) is checked there,
 * in the same Redis round trip as the claim.
 */
public class RateLimitFilters {

    /** After authentication (1000), before authorization (2000). */
    public static final int PRIORITY = Priorities.AUTHENTICATION + 100;
    static final String DECISION_PROPERTY = "payrail.ratelimit.decision";

    private final RateLimiter limiter;
    private final CurrentMerchant current;
    private final CurrentVertxRequest vertxRequest;

    RateLimitFilters(RateLimiter limiter, CurrentMerchant current, CurrentVertxRequest vertxRequest) {
        this.limiter = limiter;
        this.current = current;
        this.vertxRequest = vertxRequest;
    }

    /**
     * The check; a {@code null} Uni where nothing is asked of Redis, so that those requests go on without
     * being suspended and resumed.
     */
    @ServerRequestFilter(priority = PRIORITY)
    public Uni<Response> limit(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Uni<Decision> decision;
        if (request.getUriInfo().getPath().startsWith(ApiAuthFilter.API_PREFIX)) {
            RoutingContext routing = vertxRequest.getCurrent();
            if (routing != null && DeferredLimit.offered(routing)) {
                DeferredLimit.defer(routing, limiter.merchantLimit(current.get()), current.get().id());
                return null;
            }
            decision = limiter.checkMerchant(current.get());
        } else if (isPublic(resource)) {
            decision = limiter.check(limiter.publicLimit(), ClientIp.of(http));
        } else {
            return null;
        }
        return decision.map(d -> {
            if (!d.allowed()) {
                return RateLimitResponses.rejectedResponse(d);
            }
            request.setProperty(DECISION_PROPERTY, d);
            return null;
        });
    }

    /**
     * The rate-limit headers; a deferred limit that its step never checked (the request was refused
     * before it) is counted now, so that refused requests cost the merchant as before. A {@code null}
     * Uni when there is nothing to wait for: every other response leaves without a suspend and resume.
     */
    @ServerResponseFilter
    public Uni<Void> headers(ContainerRequestContext request, ContainerResponseContext response) {
        DeferredLimit deferred = DeferredLimit.of(vertxRequest.getCurrent());
        Decision decided = request.getProperty(DECISION_PROPERTY) instanceof Decision d ? d
                : deferred != null ? deferred.decision() : null;
        if (decided != null) {
            RateLimitResponses.addHeaders(response.getHeaders(), decided);
            return null;
        }
        if (deferred == null) {
            return null;
        }
        return limiter.check(deferred.limit(), deferred.id()).invoke(d -> {
            deferred.settle(d);
            RateLimitResponses.addHeaders(response.getHeaders(), d);
        }).replaceWithVoid();
    }

    private static boolean isPublic(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return false;
        }
        return resource.getResourceMethod().isAnnotationPresent(PublicRateLimited.class)
                || resource.getResourceClass().isAnnotationPresent(PublicRateLimited.class);
    }
}
