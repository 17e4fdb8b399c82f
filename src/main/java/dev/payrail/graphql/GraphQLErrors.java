package dev.payrail.graphql;

import java.util.concurrent.CompletionException;

import org.jboss.logging.Logger;

import dev.payrail.common.ApiException;
import dev.payrail.common.InfrastructureFailures;

/**
 * Every failure of a resolver as the REST API would answer it: an {@link ApiException} as it is, a
 * database or Redis outage as {@code 503 SERVICE_UNAVAILABLE} ({@link InfrastructureFailures}),
 * anything else as {@code 500 INTERNAL_ERROR} with nothing of the cause shown (it is logged).
 */
final class GraphQLErrors {

    private static final Logger LOG = Logger.getLogger(GraphQLErrors.class);

    private GraphQLErrors() {
    }

    static ApiException problem(Throwable failure, String requestId) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ApiException api) {
            return api;
        }
        if (e.getCause() instanceof ApiException api) {
            return api;
        }
        ApiException unavailable = InfrastructureFailures.answer(e);
        if (unavailable != null) {
            return unavailable;
        }
        LOG.errorf(e, "GraphQL request %s failed", requestId);
        return new ApiException(500, "INTERNAL_ERROR", "An internal error occurred.", null);
    }

    /** The GraphQL error of {@code failure}; {@code argumentRoot} prefixes the field path of bad input. */
    static Throwable of(Throwable failure, String argumentRoot, String requestId) {
        if (failure instanceof GraphQLApiError) {
            return failure;
        }
        return new GraphQLApiError(problem(failure, requestId), argumentRoot, requestId);
    }
}
