package dev.payrail.sandbox.paypal;

import java.net.URI;
import java.util.Base64;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

import io.smallrye.mutiny.Uni;

/**
 * PayPal's REST API as served by the emulator, on the same paths under {@code /sandbox/paypal}:
 * OAuth2 tokens, Orders v2, Payments v2, webhook signature verification, and the payer-action
 * page. Not part of prod builds.
 */
@Path("/sandbox/paypal")
@Tag(name = "Sandbox: PayPal")
public class PayPalSandboxResource {

    private static final String JSON = MediaType.APPLICATION_JSON;
    private final PayPalSandbox sandbox;
    private final PayPalSandboxDisputes disputes;

    PayPalSandboxResource(PayPalSandbox sandbox, PayPalSandboxDisputes disputes) {
        this.sandbox = sandbox;
        this.disputes = disputes;
    }

    @POST
    @Path("/v1/oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(JSON)
    @Operation(hidden = true)
    public Uni<Response> token(@HeaderParam("Authorization") String authorization,
            @FormParam("grant_type") String grantType) {
        sandbox.record("POST", "/v1/oauth2/token", null, null);
        return delayed(Uni.createFrom().item(() -> respond(sandbox.token(authorization, grantType))), sandbox.latency());
    }

    @Operation(hidden = true)
    @POST
    @Path("/v2/checkout/orders")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> createOrder(@HeaderParam("Authorization") String authorization,
            @HeaderParam("PayPal-Request-Id") String requestId, String body, @Context UriInfo uri) {
        String base = base(uri);
        return call("POST", "/v2/checkout/orders", authorization, requestId, body,
                () -> sandbox.once("/v2/checkout/orders", requestId, () -> sandbox.createOrder(body, requestId, base)));
    }

    @Operation(hidden = true)
    @GET
    @Path("/v2/checkout/orders/{id}")
    @Produces(JSON)
    public Uni<Response> getOrder(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @Context UriInfo uri) {
        String base = base(uri);
        return call("GET", "/v2/checkout/orders/" + id, authorization, null, null, () -> sandbox.getOrder(id, base));
    }

    @Operation(hidden = true)
    @POST
    @Path("/v2/checkout/orders/{id}/authorize")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> authorizeOrder(@HeaderParam("Authorization") String authorization,
            @HeaderParam("PayPal-Request-Id") String requestId, @PathParam("id") String id, String body,
            @Context UriInfo uri) {
        String base = base(uri);
        String path = "/v2/checkout/orders/" + id + "/authorize";
        return call("POST", path, authorization, requestId, body,
                () -> sandbox.once(path, requestId, () -> sandbox.completeOrder(id, "AUTHORIZE", base)));
    }

    @Operation(hidden = true)
    @POST
    @Path("/v2/checkout/orders/{id}/capture")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> captureOrder(@HeaderParam("Authorization") String authorization,
            @HeaderParam("PayPal-Request-Id") String requestId, @PathParam("id") String id, String body,
            @Context UriInfo uri) {
        String base = base(uri);
        String path = "/v2/checkout/orders/" + id + "/capture";
        return call("POST", path, authorization, requestId, body,
                () -> sandbox.once(path, requestId, () -> sandbox.completeOrder(id, "CAPTURE", base)));
    }

    @Operation(hidden = true)
    @POST
    @Path("/v2/payments/authorizations/{id}/capture")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> captureAuthorization(@HeaderParam("Authorization") String authorization,
            @HeaderParam("PayPal-Request-Id") String requestId, @PathParam("id") String id, String body,
            @Context UriInfo uri) {
        String base = base(uri);
        String path = "/v2/payments/authorizations/" + id + "/capture";
        return call("POST", path, authorization, requestId, body,
                () -> sandbox.once(path, requestId, () -> sandbox.captureAuthorization(id, body, base)));
    }

    @Operation(hidden = true)
    @POST
    @Path("/v2/payments/authorizations/{id}/void")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> voidAuthorization(@HeaderParam("Authorization") String authorization,
            @HeaderParam("PayPal-Request-Id") String requestId, @HeaderParam("Prefer") String prefer,
            @PathParam("id") String id, String body, @Context UriInfo uri) {
        String base = base(uri);
        String path = "/v2/payments/authorizations/" + id + "/void";
        return call("POST", path, authorization, requestId, body,
                () -> sandbox.once(path, requestId, () -> sandbox.voidAuthorization(id, prefer, base)));
    }

    @Operation(hidden = true)
    @POST
    @Path("/v2/payments/captures/{id}/refund")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> refundCapture(@HeaderParam("Authorization") String authorization,
            @HeaderParam("PayPal-Request-Id") String requestId, @PathParam("id") String id, String body,
            @Context UriInfo uri) {
        String base = base(uri);
        String path = "/v2/payments/captures/" + id + "/refund";
        return call("POST", path, authorization, requestId, body,
                () -> sandbox.once(path, requestId, () -> sandbox.refundCapture(id, body, base)));
    }

    @Operation(hidden = true)
    @GET
    @Path("/v2/payments/refunds/{id}")
    @Produces(JSON)
    public Uni<Response> getRefund(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        return call("GET", "/v2/payments/refunds/" + id, authorization, null, null, () -> sandbox.getRefund(id));
    }

    @Operation(hidden = true)
    @POST
    @Path("/v1/notifications/verify-webhook-signature")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> verifyWebhookSignature(@HeaderParam("Authorization") String authorization, String body) {
        return call("POST", "/v1/notifications/verify-webhook-signature", authorization, null, body,
                () -> sandbox.verifyWebhookSignature(body));
    }

    @Operation(hidden = true)
    @GET
    @Path("/v1/notifications/certs/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response cert(@PathParam("id") String id) {
        if (!sandbox.certId().equals(id)) {
            return Response.status(404).build();
        }
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(sandbox.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return Response.ok(pem).build();
    }

    // ------------------------------------------------------------------ Disputes v1 (PayPalSandboxDisputes)

    @Operation(hidden = true)
    @GET
    @Path("/v1/customer/disputes/{id}")
    @Produces(JSON)
    public Uni<Response> getDispute(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @Context UriInfo uri) {
        String base = base(uri);
        return call("GET", "/v1/customer/disputes/" + id, authorization, null, null, () -> disputes.get(id, base));
    }

    @Operation(hidden = true)
    @POST
    @Path("/v1/customer/disputes/{id}/provide-evidence")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(JSON)
    public Uni<Response> provideEvidence(@HeaderParam("Authorization") String authorization,
            @HeaderParam("PayPal-Request-Id") String requestId, @PathParam("id") String id,
            @RestForm("input") String input, @Context UriInfo uri) {
        String base = base(uri);
        String path = "/v1/customer/disputes/" + id + "/provide-evidence";
        return call("POST", path, authorization, requestId, input,
                () -> sandbox.once(path, requestId, () -> disputes.provideEvidence(id, input, base)));
    }

    @Operation(hidden = true)
    @POST
    @Path("/v1/customer/disputes/{id}/accept-claim")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> acceptClaim(@HeaderParam("Authorization") String authorization,
            @HeaderParam("PayPal-Request-Id") String requestId, @PathParam("id") String id, String body,
            @Context UriInfo uri) {
        String base = base(uri);
        String path = "/v1/customer/disputes/" + id + "/accept-claim";
        return call("POST", path, authorization, requestId, body,
                () -> sandbox.once(path, requestId, () -> disputes.acceptClaim(id, body, base)));
    }

    @Operation(hidden = true)
    @POST
    @Path("/v1/customer/disputes/{id}/adjudicate")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> adjudicate(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            String body, @Context UriInfo uri) {
        String base = base(uri);
        return call("POST", "/v1/customer/disputes/" + id + "/adjudicate", authorization, null, body,
                () -> disputes.adjudicate(id, body, base));
    }

    /** Test helper (no PayPal API opens disputes: buyers do): a dispute on a completed capture. */
    @Operation(hidden = true)
    @POST
    @Path("/test-helpers/disputes")
    @Consumes(MediaType.WILDCARD)
    @Produces(JSON)
    public Uni<Response> openDispute(@HeaderParam("Authorization") String authorization, String body,
            @Context UriInfo uri) {
        String base = base(uri);
        return call("POST", "/test-helpers/disputes", authorization, null, body, () -> disputes.open(body, base));
    }

    // ------------------------------------------------------------------ payer-action page

    @Operation(hidden = true)
    @GET
    @Path("/checkoutnow")
    @Produces(MediaType.TEXT_HTML)
    public Response payerAction(@QueryParam("token") String token) {
        PayPalSandbox.Order order = token == null ? null : sandbox.order(token);
        if (order == null) {
            return Response.status(404).type(MediaType.TEXT_HTML).entity("<!doctype html><p>Unknown checkout.</p>").build();
        }
        String what = "card".equals(order.source) ? "Card authentication (3-D Secure)" : "Pay with PayPal";
        String amount = PayPalCurrencyCodes.format(order.amount, order.currency) + " " + order.currency;
        return Response.ok("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>PayPal sandbox</title>
                <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
                button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}</style></head>
                <body><h1>%s</h1><p>Payrail's PayPal sandbox: approve a payment of <strong>%s</strong>?</p>
                <form method="post" action="checkoutnow/decision">
                <input type="hidden" name="token" value="%s">
                <button name="decision" value="approve" id="approve">Approve</button>
                <button name="decision" value="cancel" id="cancel">Cancel</button>
                </form></body></html>
                """.formatted(what, amount, order.id)).build();
    }

    @Operation(hidden = true)
    @POST
    @Path("/checkoutnow/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response payerDecision(@FormParam("token") String token, @FormParam("decision") String decision) {
        if (token == null || !("approve".equals(decision) || "cancel".equals(decision))) {
            return Response.status(400).entity("<!doctype html><p>token and decision (approve or cancel) are required.</p>").build();
        }
        String target = sandbox.payerDecision(token, "approve".equals(decision));
        if (target == null) {
            return Response.status(404).entity("<!doctype html><p>Unknown checkout.</p>").build();
        }
        if (target.isEmpty()) {
            return Response.ok("<!doctype html><p id=\"status\">" + decision + "d</p>").build();
        }
        return Response.seeOther(URI.create(target)).build();
    }

    // ------------------------------------------------------------------ plumbing

    /** Authentication, latency, failure injection, then the call; every answer as PayPal would send it. */
    private Uni<Response> call(String method, String path, String authorization, String requestId, String body,
            Supplier<PayPalSandbox.Answer> action) {
        sandbox.record(method, path, requestId, body);
        Uni<Void> wait = delayed(Uni.createFrom().voidItem(), sandbox.latency());
        return wait.chain(() -> {
            PayPalSandbox.Answer denied = sandbox.checkBearer(authorization);
            if (denied != null) {
                return Uni.createFrom().item(respond(denied));
            }
            PayPalSandbox.Fault fault = sandbox.fault();
            return switch (fault) {
                case NONE -> Uni.createFrom().item(() -> respond(action.get()));
                case ERROR_500, UNAVAILABLE_503 -> Uni.createFrom().item(respond(sandbox.faultAnswer(fault)));
                case TIMEOUT -> delayed(Uni.createFrom().item(() -> respond(sandbox.faultAnswer(fault))), sandbox.hangFor());
                case LOST_RESPONSE -> {
                    action.get();
                    yield delayed(Uni.createFrom().item(() -> respond(sandbox.faultAnswer(fault))), sandbox.hangFor());
                }
            };
        });
    }

    private static <T> Uni<T> delayed(Uni<T> uni, java.time.Duration delay) {
        return delay.isZero() || delay.isNegative() ? uni : uni.onItem().delayIt().by(delay);
    }

    private static Response respond(PayPalSandbox.Answer answer) {
        Response.ResponseBuilder r = Response.status(answer.status());
        if (answer.body() != null) {
            r.entity(answer.body()).type(MediaType.APPLICATION_JSON);
        }
        answer.headers().forEach(r::header);
        return r.build();
    }

    private static String base(UriInfo uri) {
        String b = uri.getBaseUri().toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/sandbox/paypal";
    }
}
