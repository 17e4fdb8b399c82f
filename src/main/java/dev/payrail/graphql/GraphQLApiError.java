package dev.payrail.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.payrail.common.ApiException;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

/**
 * An {@link ApiException} as a GraphQL error: the message is the problem's {@code detail}, and
 * {@code extensions} carry what the problem+json document carries — {@code code} (the same stable
 * codes), {@code status}, {@code param}, the extension members ({@code decline_code},
 * {@code payment_id}, {@code retry_after}, ...) and {@code request_id} — plus {@code field}, the
 * GraphQL argument path of the faulty input ({@code input.card.expiryMonth}). A checked exception:
 * SmallRye GraphQL shows its message (it hides the messages of unchecked ones).
 */
public class GraphQLApiError extends Exception implements GraphQLError {

    private final transient Map<String, Object> extensions;
    private final int status;

    GraphQLApiError(ApiException e, String argumentRoot, String requestId) {
        super(e.getMessage(), null, false, false);
        this.status = e.status();
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", e.code());
        ext.put("status", e.status());
        if (e.param() != null) {
            ext.put("param", e.param());
            ext.put("field", GraphQLFields.path(argumentRoot, e.param()));
        }
        e.extensions().forEach((k, v) -> {
            if (v != null) {
                ext.putIfAbsent(k, v);
            }
        });
        if (requestId != null) {
            ext.put("request_id", requestId);
        }
        this.extensions = ext;
    }

    public int status() {
        return status;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
