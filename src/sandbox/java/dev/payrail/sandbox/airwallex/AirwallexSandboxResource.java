package dev.payrail.sandbox.airwallex;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.payrail.sandbox.airwallex.AirwallexSandbox.Reply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Airwallex's HTTP API as the emulator serves it under {@code /sandbox/airwallex/api/v1}: JSON
 * bodies with decimal amounts, bearer tokens from {@code /authentication/login}, {@code request_id}
 * replay, Airwallex error bodies, configurable latency and injected failures. Exists only while the
 * sandbox is enabled (see {@link dev.payrail.sandbox.SandboxGuard}).
 */
@Path("/sandbox/airwallex/api/v1")
@Tag(name = "Sandbox: Airwallex emulator")
public class AirwallexSandboxResource {

    /** Plain Jackson: decimals stay BigDecimal both ways, field names as given. */
    private static final ObjectMapper WIRE = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper OUT = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final AirwallexSandbox sandbox;

    AirwallexSandboxResource(AirwallexSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @POST
    @Path("/authentication/login")
    @Operation(hidden = true)
    public Uni<Response> login(@HeaderParam("x-client-id") String clientId, @HeaderParam("x-api-key") String apiKey) {
        sandbox.countRequest();
        return Uni.createFrom().item(write(sandbox.login(clientId, apiKey)));
    }

    @POST
    @Path("/pa/payment_intents/create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> create(@HeaderParam("Authorization") String auth, String body, @Context HttpServerRequest http) {
        return mutate(http, auth, "create", body, (account, b) -> sandbox.create(account, b));
    }

    @POST
    @Path("/pa/payment_intents/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> confirm(@HeaderParam("Authorization") String auth, @PathParam("id") String id, String body,
            @Context HttpServerRequest http) {
        return mutate(http, auth, "confirm " + id, body, (account, b) -> sandbox.confirm(account, id, b));
    }

    @POST
    @Path("/pa/payment_intents/{id}/capture")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> capture(@HeaderParam("Authorization") String auth, @PathParam("id") String id, String body,
            @Context HttpServerRequest http) {
        return mutate(http, auth, "capture " + id, body, (account, b) -> sandbox.capture(account, id, b));
    }

    @POST
    @Path("/pa/payment_intents/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> cancel(@HeaderParam("Authorization") String auth, @PathParam("id") String id, String body,
            @Context HttpServerRequest http) {
        return mutate(http, auth, "cancel " + id, body, (account, b) -> sandbox.cancel(account, id, b));
    }

    @GET
    @Path("/pa/payment_intents/{id}")
    @Operation(hidden = true)
    public Uni<Response> retrieve(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return read(http, auth, account -> sandbox.retrieve(account, id));
    }

    @GET
    @Path("/pa/payment_intents")
    @Operation(hidden = true)
    public Uni<Response> list(@HeaderParam("Authorization") String auth, @QueryParam("merchant_order_id") String order,
            @QueryParam("page_size") Integer pageSize, @Context HttpServerRequest http) {
        return read(http, auth, account -> sandbox.list(account, order, pageSize));
    }

    @POST
    @Path("/pa/refunds/create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> refund(@HeaderParam("Authorization") String auth, String body, @Context HttpServerRequest http) {
        return mutate(http, auth, "refund", body, (account, b) -> sandbox.refund(account, b));
    }

    @GET
    @Path("/pa/refunds/{id}")
    @Operation(hidden = true)
    public Uni<Response> retrieveRefund(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return read(http, auth, account -> sandbox.retrieveRefund(account, id));
    }

    @GET
    @Path("/pa/refunds")
    @Operation(hidden = true)
    public Uni<Response> listRefunds(@HeaderParam("Authorization") String auth,
            @QueryParam("payment_intent_id") String intentId, @QueryParam("page_size") Integer pageSize,
            @Context HttpServerRequest http) {
        return read(http, auth, account -> sandbox.listRefunds(account, intentId, pageSize));
    }

    // ---- the wire ---------------------------------------------------------------------------

    /** A mutating call: authenticated, failure draws, {@code request_id} required and replayed. */
    private Uni<Response> mutate(HttpServerRequest http, String auth, String operation, String raw,
            java.util.function.BiFunction<String, Map<String, Object>, Reply> work) {
        Map<String, Object> body = parsed(raw);
        String kind = operation.split(" ")[0];
        sandbox.countRequestFor(orderOf(operation, body));
        return handle(http, auth, kind, account -> {
            if (body == null) {
                return AirwallexSandbox.error(400, "validation_error", null, "The request body is not valid JSON.");
            }
            Object requestId = body.get("request_id");
            if (!(requestId instanceof String id) || id.isBlank() || id.length() > 64) {
                return AirwallexSandbox.error(400, "validation_error", "request_id",
                        "request_id must be provided, at most 64 characters");
            }
            String fingerprint = fingerprint(body);
            Reply replay = sandbox.replayed(account, kind, id, operation + " " + fingerprint);
            if (replay != null) {
                return replay;
            }
            Reply reply = work.apply(account, body);
            sandbox.remember(account, kind, id, operation + " " + fingerprint, reply);
            return reply;
        });
    }

    /** The request body as a map ({@code {}} when empty), or {@code null} when it is not JSON. */
    private static Map<String, Object> parsed(String raw) {
        try {
            return raw == null || raw.isBlank() ? Map.of() : WIRE.readValue(raw, MAP);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Uni<Response> read(HttpServerRequest http, String auth, Function<String, Reply> work) {
        return handle(http, auth, null, work);
    }

    /** @param mutation the operation of a mutating call, null for reads (whose answers are never lost) */
    private Uni<Response> handle(HttpServerRequest http, String auth, String mutation, Function<String, Reply> work) {
        sandbox.countRequest();
        String account = sandbox.account(auth);
        if (account == null) {
            return Uni.createFrom().item(write(AirwallexSandbox.error(401, "unauthorized", null,
                    "Access denied, authentication failed.")));
        }
        SplittableRandom random = sandbox.random();
        AirwallexSandboxSettings s = sandbox.settings();
        double draw = random.nextDouble();
        if ((draw -= s.unavailableRate()) < 0) {
            return delayed(write(AirwallexSandbox.error(503, "service_unavailable", null, "Service unavailable.")), s.latencyMs());
        }
        if ((draw -= s.errorRate()) < 0) {
            return delayed(write(AirwallexSandbox.error(500, "internal_error", null, "Internal error.")), s.latencyMs());
        }
        Reply reply = work.apply(account);
        if (mutation != null && (sandbox.takeLoss(mutation) || random.nextDouble() < s.lostResponseRate())) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(Math.max(1, s.hangMs())))
                    .map(v -> {
                        http.connection().close();
                        return Response.status(500).build();
                    });
        }
        return delayed(write(reply), s.latencyMs());
    }

    /** The merchant order a mutating call concerns: its intent's, or the body's, or null when it names none. */
    private String orderOf(String operation, Map<String, Object> body) {
        int space = operation.indexOf(' ');
        if (space > 0) {
            return sandbox.orderOfIntent(operation.substring(space + 1));
        }
        if (body == null) {
            return null;
        }
        return body.get("merchant_order_id") instanceof String order ? order
                : body.get("payment_intent_id") instanceof String intent ? sandbox.orderOfIntent(intent) : null;
    }

    private static String fingerprint(Map<String, Object> body) {
        try {
            return WIRE.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Uni<Response> delayed(Response response, long millis) {
        Uni<Response> uni = Uni.createFrom().item(response);
        return millis <= 0 ? uni : uni.onItem().delayIt().by(Duration.ofMillis(millis));
    }

    static Response write(Reply reply) {
        try {
            return Response.status(reply.status()).type(MediaType.APPLICATION_JSON)
                    .entity(OUT.writeValueAsString(reply.body())).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
