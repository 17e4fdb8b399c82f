package dev.payrail.sandbox.braintree;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.connector.braintree.BraintreeXml;
import dev.payrail.connector.braintree.BraintreeXml.Node;
import dev.payrail.sandbox.braintree.BraintreeSandbox.Reply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Braintree's XML gateway API as the emulator serves it, so that the official SDK can be pointed at
 * it ({@code new Environment("http://host:port/sandbox/braintree", …)}): paths under
 * {@code /merchants/{merchant_id}/transactions}, HTTP Basic {@code public_key:private_key},
 * {@code X-ApiVersion} 4 or later, XML both ways ({@code 201}/{@code 200} with the object,
 * {@code 422 <api-error-response>}, bare {@code 401}/{@code 403}/{@code 404}/{@code 426}), with
 * configurable latency and injected failures.
 */
@Path("/sandbox/braintree/merchants/{merchantId}/transactions")
@Tag(name = "Sandbox: Braintree emulator")
public class BraintreeSandboxResource {

    private static final String XML = "application/xml; charset=utf-8";

    private final BraintreeSandbox sandbox;

    BraintreeSandboxResource(BraintreeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> sale(@PathParam("merchantId") String merchantId, @HeaderParam("Authorization") String auth,
            @HeaderParam("X-ApiVersion") String version, String body, @Context HttpServerRequest http) {
        return handle(http, merchantId, auth, version, body, true, (account, xml) -> sandbox.sale(account, xml));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Uni<Response> find(@PathParam("merchantId") String merchantId, @PathParam("id") String id,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-ApiVersion") String version,
            @Context HttpServerRequest http) {
        return handle(http, merchantId, auth, version, null, false, (account, xml) -> sandbox.find(account, id));
    }

    @PUT
    @Path("/{id}/submit_for_settlement")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> submit(@PathParam("merchantId") String merchantId, @PathParam("id") String id,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-ApiVersion") String version, String body,
            @Context HttpServerRequest http) {
        return handle(http, merchantId, auth, version, body, false,
                (account, xml) -> sandbox.submitForSettlement(account, id, xml));
    }

    @PUT
    @Path("/{id}/void")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> voidTransaction(@PathParam("merchantId") String merchantId, @PathParam("id") String id,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-ApiVersion") String version, String body,
            @Context HttpServerRequest http) {
        return handle(http, merchantId, auth, version, body, false, (account, xml) -> sandbox.voidTransaction(account, id));
    }

    @POST
    @Path("/{id}/refund")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> refund(@PathParam("merchantId") String merchantId, @PathParam("id") String id,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-ApiVersion") String version, String body,
            @Context HttpServerRequest http) {
        return handle(http, merchantId, auth, version, body, false, (account, xml) -> sandbox.refund(account, id, xml));
    }

    @POST
    @Path("/advanced_search_ids")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> searchIds(@PathParam("merchantId") String merchantId, @HeaderParam("Authorization") String auth,
            @HeaderParam("X-ApiVersion") String version, String body, @Context HttpServerRequest http) {
        return handle(http, merchantId, auth, version, body, true, (account, xml) -> sandbox.searchIds(account, xml));
    }

    @POST
    @Path("/advanced_search")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> search(@PathParam("merchantId") String merchantId, @HeaderParam("Authorization") String auth,
            @HeaderParam("X-ApiVersion") String version, String body, @Context HttpServerRequest http) {
        return handle(http, merchantId, auth, version, body, true, (account, xml) -> sandbox.search(account, xml));
    }

    // ---- the wire ---------------------------------------------------------------------------

    private interface Work {
        Reply apply(String account, Node xml);
    }

    private Uni<Response> handle(HttpServerRequest http, String merchantId, String auth, String version, String body,
            boolean bodyRequired, Work work) {
        if (!authenticated(auth)) {
            return Uni.createFrom().item(Response.status(401).build());
        }
        if (!sandbox.merchantId().equals(merchantId)) {
            return Uni.createFrom().item(Response.status(403).build());
        }
        if (!supported(version)) {
            return Uni.createFrom().item(Response.status(426).build());
        }
        BraintreeSandboxSettings s = sandbox.settings();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double draw = random.nextDouble();
        if ((draw -= s.unavailableRate()) < 0) {
            return delayed(Response.status(503).build(), s.latencyMs());
        }
        if ((draw -= s.errorRate()) < 0) {
            return delayed(Response.status(500).build(), s.latencyMs());
        }
        Node xml = null;
        if (body != null && !body.isBlank()) {
            try {
                xml = BraintreeXml.parse(body);
            } catch (BraintreeXml.Malformed e) {
                return Uni.createFrom().item(Response.status(400).build());
            }
        } else if (bodyRequired) {
            return Uni.createFrom().item(write(BraintreeSandboxErrors.validation("91501", "base", "Request body is required.")));
        }
        Reply reply = work.apply(merchantId, xml == null ? BraintreeXml.parse("<transaction/>") : xml);
        if (http.path().endsWith(s.lostResponsePath()) && random.nextDouble() < s.lostResponseRate()) {
            return "reset".equals(s.lostResponseMode()) ? reset(http, s.latencyMs())
                    : delayed(write(reply), Math.max(s.latencyMs(), s.hangMs()));
        }
        return delayed(write(reply), s.latencyMs());
    }

    private boolean authenticated(String auth) {
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && sandbox.authenticates(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code X-ApiVersion} 4 or later (the SDKs send 6). */
    private static boolean supported(String version) {
        try {
            return version != null && Integer.parseInt(version.trim()) >= 4;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Uni<Response> delayed(Response response, long millis) {
        Uni<Response> uni = Uni.createFrom().item(response);
        return millis <= 0 ? uni : uni.onItem().delayIt().by(Duration.ofMillis(millis));
    }

    private static Uni<Response> reset(HttpServerRequest http, long millis) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(Math.max(1, millis))).map(v -> {
            http.connection().close();
            return Response.status(500).build();
        });
    }

    static Response write(Reply reply) {
        if (reply.xml() == null) {
            return Response.status(reply.status()).build();
        }
        return Response.status(reply.status()).type(XML).entity(reply.xml()).build();
    }
}
