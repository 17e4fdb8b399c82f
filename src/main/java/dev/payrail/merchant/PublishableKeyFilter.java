package dev.payrail.merchant;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.payrail.common.ApiException;
import dev.payrail.common.Problems;
import dev.payrail.ratelimit.AuthFailureGuard;
import dev.payrail.ratelimit.ClientIp;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Authenticates the public checkout endpoints under {@code /v1/checkout/} with the merchant's
 * publishable key ({@code X-Publishable-Key}). Unknown keys count as failed authentications of the
 * client IP, like wrong API secrets. The merchant API never accepts a publishable key.
 */
public class PublishableKeyFilter {

    public static final String PREFIX = "/v1/checkout/";
    public static final String HEADER = "X-Publishable-Key";

    private final PublishableKeys keys;
    private final CurrentMerchant current;
    private final AuthFailureGuard failures;

    PublishableKeyFilter(PublishableKeys keys, CurrentMerchant current, AuthFailureGuard failures) {
        this.keys = keys;
        this.current = current;
        this.failures = failures;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        if (!request.getUriInfo().getPath().startsWith(PREFIX)) {
            return null; // not this filter's path: a null Uni lets the request go on unsuspended
        }
        String ip = ClientIp.of(http);
        return failures.beforeAuthentication(ip).chain(blocked -> {
            if (blocked != null) {
                return Uni.createFrom().item(blocked);
            }
            return keys.resolve(request.getHeaderString(HEADER)).chain(m -> {
                if (m == null) {
                    return failures.onFailure(ip, Problems.response(ApiException.unauthorized()));
                }
                current.setPublishable(new AuthenticatedMerchant(m.id(), m.name(), m.publishableKey(), m.live()));
                return Uni.createFrom().nullItem();
            });
        });
    }
}
