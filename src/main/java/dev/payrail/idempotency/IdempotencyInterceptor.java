package dev.payrail.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.payrail.common.ApiException;
import dev.payrail.common.Detached;
import dev.payrail.common.Json;
import dev.payrail.common.ProblemMappers;
import dev.payrail.common.Problems;
import dev.payrail.common.ScriptRider;
import dev.payrail.merchant.CurrentMerchant;
import dev.payrail.payment.IdempotencyKeys;
import dev.payrail.ratelimit.DeferredLimit;
import io.quarkus.arc.All;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Stripe-style idempotency for mutating endpoints: the first request with a key runs; a retry
 * with the same key and request gets the first response back byte for byte with
 * {@code Idempotent-Replayed: true}; another request with the same key is {@code 422}; a retry
 * while the first still runs is {@code 409} with {@code Retry-After}. Validation failures, 401
 * and 429 are not remembered, so a corrected retry goes through.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class IdempotencyInterceptor {

    private static final String PAYMENTS_PATH = "/api/v1/payments";

    @Inject
    Idempotency idempotency;
    @Inject
    CurrentVertxRequest vertxRequest;
    @Inject
    CurrentMerchant merchant;
    @Inject
    IdempotencyContext context;
    @Inject
    Json json;
    @Inject
    @All
    List<ScriptRider.Source> riders;

    @AroundInvoke
    Object around(InvocationContext invocation) throws Exception {
        RoutingContext routing = vertxRequest.getCurrent();
        HttpServerRequest request = routing.request();
        String path = request.path();
        String key = IdempotencyKeys.validate(request.getHeader(IdempotencyKeys.HEADER));
        if (key == null) {
            if (idempotency.config().requiredOnPayments() && PAYMENTS_PATH.equals(path)) {
                throw ApiException.badRequest("An Idempotency-Key header is required on this endpoint.",
                        IdempotencyKeys.HEADER);
            }
            return invocation.proceed();
        }
        String scope = path.startsWith("/admin/") ? "admin" : merchant.idempotencyScope();
        String fingerprint = idempotency.fingerprint(request.method().name(), path, canonical(invocation));
        context.set(key, fingerprint);
        // Detached: a client that goes away does not leave its key claimed with no answer stored.
        DeferredLimit limit = DeferredLimit.of(routing);
        ScriptRider rider = limit == null ? null : rider(invocation);
        return Detached.run(() -> idempotency.execute(scope, key, fingerprint, limit, rider, () -> run(invocation))
                .map(execution -> execution.conflict() != null ? Problems.response(execution.conflict())
                        : execution.response().toResponse(execution.replayed())));
    }

    /** Redis work of the invocation that can ride in its claim, or {@code null}. */
    private ScriptRider rider(InvocationContext invocation) {
        Object[] parameters = invocation.getParameters();
        for (ScriptRider.Source source : riders) {
            ScriptRider rider = source.rider(parameters);
            if (rider != null) {
                return rider;
            }
        }
        return null;
    }

    /** The invocation's arguments as canonical JSON (records serialise in declaration order). */
    private String canonical(InvocationContext invocation) {
        return json.write(Arrays.asList(invocation.getParameters()));
    }

    @SuppressWarnings("unchecked")
    private Uni<StoredResponse> run(InvocationContext invocation) {
        return Uni.createFrom().deferred(() -> {
            try {
                return (Uni<Response>) invocation.proceed();
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            }
        }).onFailure().recoverWithItem(ProblemMappers::toResponse).map(this::capture);
    }

    /** Serialises the response once; the bytes sent are the bytes stored. */
    private StoredResponse capture(Response response) {
        Object entity = response.getEntity();
        byte[] body;
        if (entity == null) {
            body = new byte[0];
        } else if (entity instanceof byte[] bytes) {
            body = bytes;
        } else if (entity instanceof String s) {
            body = s.getBytes(StandardCharsets.UTF_8);
        } else {
            body = json.write(entity).getBytes(StandardCharsets.UTF_8);
        }
        String type = response.getMediaType() == null ? (entity == null ? null : "application/json")
                : response.getMediaType().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        response.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
                    && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return new StoredResponse(response.getStatus(), type, headers, body);
    }
}
