package dev.payrail.graphql;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.MDC;

import dev.payrail.common.ApiException;
import dev.payrail.common.InfrastructureFailures;
import dev.payrail.common.Problems;
import dev.payrail.common.RequestIds;
import dev.payrail.common.VertxContexts;
import dev.payrail.merchant.ApiAuthFilter;
import dev.payrail.merchant.AuthenticatedMerchant;
import dev.payrail.merchant.MerchantAuthenticator;
import dev.payrail.ratelimit.AuthFailureGuard;
import dev.payrail.ratelimit.ClientIp;
import dev.payrail.ratelimit.Decision;
import dev.payrail.ratelimit.RateLimitResponses;
import dev.payrail.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Authentication and the merchant rate limit of {@code POST/GET /graphql}, exactly as for
 * {@code /api/v1} ({@code ApiAuthFilter}, {@code RateLimitFilters}): SmallRye GraphQL's endpoint is a
 * Vert.x route, not JAX-RS, so this route handler runs before it. The same credentials (API key and
 * secret headers, or Basic), the same per-IP budget of failed authentications
 * ({@link AuthFailureGuard}), the same per-merchant limit ({@link RateLimiter}); a refusal is the same
 * problem+json {@code 401} or {@code 429}, before any GraphQL is parsed. Everything is non-blocking:
 * the checks are {@link Uni}s and the chain resumes on the request's own event loop. The
 * authenticated merchant is kept in the routing context ({@link #MERCHANT}), where the resolvers read
 * it ({@link GraphQLCaller}). The published schema ({@code /graphql/schema.graphql}) needs no
 * credentials.
 */
@Singleton
public class GraphQLAuthentication {

    /** Routing-context key of the {@link AuthenticatedMerchant}. */
    public static final String MERCHANT = "payrail.graphql.merchant";
    /** After the request id and the HTTP limits (which read the body), before every GraphQL route. */
    static final int ORDER = Integer.MIN_VALUE + 200;

    private final MerchantAuthenticator authenticator;
    private final AuthFailureGuard failures;
    private final RateLimiter limiter;

    GraphQLAuthentication(MerchantAuthenticator authenticator, AuthFailureGuard failures, RateLimiter limiter) {
        this.authenticator = authenticator;
        this.failures = failures;
        this.limiter = limiter;
    }

    void install(@Observes Router router) {
        router.route("/graphql").order(ORDER).handler(this::authenticate);
    }

    /** Either a refusal to send, or the merchant and its rate-limit decision. */
    private record Outcome(Response refusal, AuthenticatedMerchant merchant, Decision decision) {
    }

    void authenticate(RoutingContext ctx) {
        HttpServerRequest http = ctx.request();
        if (http.method() == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        Context context = Vertx.currentContext();
        String ip = ClientIp.of(http);
        if (!http.isEnded()) {
            // A body HttpLimits did not read (a form): kept for the GraphQL route's body handler.
            http.pause();
        }
        Uni.createFrom().deferred(() -> check(http, ip)).subscribe().with(
                outcome -> VertxContexts.resume(context, () -> proceed(ctx, outcome)),
                failure -> VertxContexts.resume(context, () -> failed(ctx, failure)));
    }

    private Uni<Outcome> check(HttpServerRequest http, String ip) {
        return failures.beforeAuthentication(ip).chain(blocked -> {
            if (blocked != null) {
                return Uni.createFrom().item(new Outcome(blocked, null, null));
            }
            String[] credentials = ApiAuthFilter.credentials(http.getHeader("X-Api-Key"), http.getHeader("X-Api-Secret"),
                    http.getHeader("Authorization"));
            if (credentials == null) {
                return failures.onFailure(ip, ApiAuthFilter.unauthorized()).map(r -> new Outcome(r, null, null));
            }
            return authenticator.authenticate(credentials[0], credentials[1]).chain(merchant -> {
                if (merchant == null) {
                    return failures.onFailure(ip, ApiAuthFilter.unauthorized()).map(r -> new Outcome(r, null, null));
                }
                return limiter.checkMerchant(merchant).map(d -> d.allowed() ? new Outcome(null, merchant, d)
                        : new Outcome(RateLimitResponses.rejectedResponse(d), null, d));
            });
        });
    }

    private static void proceed(RoutingContext ctx, Outcome outcome) {
        MDC.put(RequestIds.MDC_KEY, ctx.get(RequestIds.MDC_KEY));
        if (outcome.refusal() != null) {
            send(ctx, outcome.refusal());
            return;
        }
        ctx.put(MERCHANT, outcome.merchant());
        if (ctx.request().isEnded()) {
            // HttpLimits has read the body already (ctx.body()): the GraphQL route's body handler must not
            // wait for a body that will not come again.
            ((RoutingContextInternal) ctx).visitHandler(RoutingContextInternal.BODY_HANDLER);
        }
        ctx.response().putHeader(RateLimitResponses.POLICY_HEADER, outcome.decision().policyHeader())
                .putHeader(RateLimitResponses.HEADER, outcome.decision().rateLimitHeader());
        ctx.next();
    }

    /** PostgreSQL or Redis out of reach: {@code 503} with {@code Retry-After}, as REST answers it. */
    private static void failed(RoutingContext ctx, Throwable failure) {
        ApiException unavailable = InfrastructureFailures.answer(failure);
        if (unavailable == null) {
            ctx.fail(failure);
            return;
        }
        MDC.put(RequestIds.MDC_KEY, ctx.get(RequestIds.MDC_KEY));
        send(ctx, Problems.response(unavailable));
    }

    /** Sends a problem+json response built for JAX-RS (status, headers, the problem document). */
    private static void send(RoutingContext ctx, Response response) {
        if (ctx.response().ended()) {
            return;
        }
        var out = ctx.response().setStatusCode(response.getStatus());
        response.getStringHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                out.putHeader(name, values.get(0));
            }
        });
        if (response.getMediaType() != null) {
            out.putHeader("Content-Type", response.getMediaType().toString());
        }
        Object entity = response.getEntity();
        out.end(entity == null ? "" : entity.toString());
    }
}
