package dev.payrail.graphql;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.merchant.AuthenticatedMerchant;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling the GraphQL endpoint: the merchant {@link GraphQLAuthentication} authenticated for
 * this HTTP request, read from the routing context that SmallRye GraphQL makes current (its handler
 * activates the CDI request context and sets {@link CurrentVertxRequest} for every resolver).
 */
@Singleton
public class GraphQLCaller {

    private final CurrentVertxRequest request;

    GraphQLCaller(CurrentVertxRequest request) {
        this.request = request;
    }

    public RoutingContext http() {
        RoutingContext ctx = request.getCurrent();
        if (ctx == null) {
            throw ApiException.unauthorized();
        }
        return ctx;
    }

    public AuthenticatedMerchant merchant() {
        AuthenticatedMerchant merchant = http().get(GraphQLAuthentication.MERCHANT);
        if (merchant == null) {
            throw ApiException.unauthorized();
        }
        return merchant;
    }

    /**
     * The merchant, after checking a {@code tenantId} argument: absent, or the authenticated
     * merchant's own id. Any other tenant is refused as not found, as another merchant's objects are.
     */
    public AuthenticatedMerchant merchant(String tenantId) {
        AuthenticatedMerchant merchant = merchant();
        if (tenantId != null && !tenantId.equals(merchant.id())) {
            throw new ApiException(404, "NOT_FOUND_ERROR", "No such tenant.", "tenant_id");
        }
        return merchant;
    }
}
