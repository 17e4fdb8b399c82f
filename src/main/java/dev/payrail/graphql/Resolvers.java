package dev.payrail.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.payrail.common.ApiException;
import dev.payrail.common.Detached;
import dev.payrail.common.Json;
import dev.payrail.common.Problems;
import dev.payrail.common.RequestIds;
import dev.payrail.idempotency.Idempotency;
import dev.payrail.idempotency.StoredResponse;
import dev.payrail.merchant.AuthenticatedMerchant;
import dev.payrail.payment.IdempotencyKeys;
import dev.payrail.payment.PaymentView;
import dev.payrail.refund.RefundView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * How every resolver runs: as the authenticated merchant, with failures turned into GraphQL errors
 * carrying the REST codes ({@link GraphQLErrors}), and mutations under {@code Idempotency-Key} with
 * REST's semantics through the same machinery ({@link Idempotency#execute}): scope = merchant, the
 * fingerprint = a keyed HMAC of the operation and its canonical arguments; a retry with the same key
 * and arguments gets the first answer (success or error) back with {@code Idempotent-Replayed: true};
 * the same key with other arguments is {@code IDEMPOTENCY_KEY_REUSED}, a retry while the first runs
 * is {@code IDEMPOTENCY_REQUEST_IN_PROGRESS}; validation errors, 401 and 429 are not remembered. The
 * answer stored is the REST view of the result (the same JSON a REST call stores), and a fresh answer
 * is read back from those same bytes, so a first answer and its replays cannot differ.
 */
@Singleton
// The stored answers are read back with Jackson: their classes need reflection in a native image.
@RegisterForReflection(targets = { PaymentView.class, PaymentView.AttemptView.class, RefundView.class,
        ProviderKeys.View.class })
class Resolvers {

    /** The key and request fingerprint a mutation runs under ({@code null}s without a key). */
    record Keyed(String key, String fingerprint) {
    }

    /** A mutation's work: the merchant and the key in, the REST view of the result out. */
    interface Work<V> {
        Uni<V> run(AuthenticatedMerchant merchant, Keyed keyed);
    }

    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "code", "param",
            "request_id");

    private final GraphQLCaller caller;
    private final Idempotency idempotency;
    private final Json json;
    private final ObjectMapper reader;

    Resolvers(GraphQLCaller caller, Idempotency idempotency, Json json) {
        this.caller = caller;
        this.idempotency = idempotency;
        this.json = json;
        this.reader = new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The authenticated merchant's id, or {@code null} (call while the resolver starts, not in a later stage). */
    String merchantIdOrNull() {
        try {
            return caller.merchant().id();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A query as the authenticated merchant. */
    <T> Uni<T> query(String argumentRoot, Function<AuthenticatedMerchant, Uni<T>> work) {
        RoutingContext http;
        try {
            http = caller.http();
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(GraphQLErrors.of(e, argumentRoot, null));
        }
        String requestId = http.get(RequestIds.MDC_KEY);
        return Uni.createFrom().deferred(() -> work.apply(caller.merchant()))
                .onFailure().transform(e -> GraphQLErrors.of(e, argumentRoot, requestId));
    }

    /**
     * A mutation: {@code operation} names it in the fingerprint, {@code arguments} are its canonical
     * arguments, {@code view} the REST view class of its result.
     */
    <V> Uni<V> mutate(String operation, String tenantId, String argumentRoot, Object arguments, Class<V> view,
            Work<V> work) {
        RoutingContext http;
        try {
            http = caller.http();
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(GraphQLErrors.of(e, argumentRoot, null));
        }
        String requestId = http.get(RequestIds.MDC_KEY);
        return Uni.createFrom().deferred(() -> {
            AuthenticatedMerchant merchant = caller.merchant(tenantId);
            String key = IdempotencyKeys.validate(http.request().getHeader(IdempotencyKeys.HEADER));
            if (key == null) {
                if ("initiatePayment".equals(operation) && idempotency.config().requiredOnPayments()) {
                    throw ApiException.badRequest("An Idempotency-Key header is required on this endpoint.",
                            IdempotencyKeys.HEADER);
                }
                return work.run(merchant, new Keyed(null, null));
            }
            String fingerprint = idempotency.fingerprint("POST", "/graphql#" + operation, json.write(List.of(arguments)));
            Keyed keyed = new Keyed(key, fingerprint);
            // Detached, as in REST: a client that goes away does not leave its key claimed with no answer stored.
            return Detached.run(() -> idempotency.execute(merchant.id(), key, fingerprint,
                    () -> Uni.createFrom().deferred(() -> work.run(merchant, keyed))
                            .map(this::stored)
                            .onFailure().recoverWithItem(e -> stored(GraphQLErrors.problem(e, requestId), requestId))))
                    .map(execution -> {
                        if (execution.conflict() != null) {
                            throw execution.conflict();
                        }
                        if (execution.replayed() && !http.response().headWritten()) {
                            http.response().putHeader("Idempotent-Replayed", "true");
                        }
                        return readBack(execution.response(), view);
                    });
        }).onFailure().transform(e -> GraphQLErrors.of(e, argumentRoot, requestId));
    }

    private StoredResponse stored(Object view) {
        return new StoredResponse(200, "application/json", Map.of(), json.write(view).getBytes(StandardCharsets.UTF_8));
    }

    private static StoredResponse stored(ApiException e, String requestId) {
        String body = Problems.body(e.status(), e.code(), e.getMessage(), e.param(), e.extensions());
        return new StoredResponse(e.status(), Problems.MEDIA_TYPE, new LinkedHashMap<>(e.headers()),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The result a stored answer describes: the view, or the error it was. */
    private <V> V readBack(StoredResponse response, Class<V> view) {
        try {
            if (response.status() >= 200 && response.status() < 300) {
                return reader.readValue(response.body(), view);
            }
            JsonNode problem = reader.readTree(response.body());
            ApiException e = new ApiException(response.status(), problem.path("code").asText(Problems.codeFor(response.status())),
                    problem.path("detail").asText(null), problem.hasNonNull("param") ? problem.get("param").asText() : null);
            problem.properties().forEach(member -> {
                if (!PROBLEM_MEMBERS.contains(member.getKey())) {
                    e.with(member.getKey(), reader.convertValue(member.getValue(), Object.class));
                }
            });
            response.headers().forEach(e::header);
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("stored idempotent answer unreadable", e);
        }
    }
}
