package dev.payrail.sandbox.razorpay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.sandbox.razorpay.RazorpaySandbox.Reply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Razorpay's HTTP API as the emulator serves it: JSON bodies, HTTP Basic {@code key_id:key_secret},
 * Razorpay's error objects, configurable latency and injected failures; plus the payer's side (the
 * bank's OTP page of a card payment, the approval of a UPI collect request in the payer's app).
 */
@Path("/sandbox/razorpay")
@Tag(name = "Sandbox: Razorpay emulator")
public class RazorpaySandboxResource {

    private static final ObjectMapper WIRE = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final RazorpaySandbox sandbox;

    RazorpaySandboxResource(RazorpaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    @POST
    @Path("/v1/orders")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> createOrder(@HeaderParam("Authorization") String auth, String body, @Context HttpServerRequest http) {
        return handle(http, auth, body, (account, json) -> sandbox.createOrder(account, json));
    }

    @GET
    @Path("/v1/orders")
    @Operation(hidden = true)
    public Uni<Response> orders(@HeaderParam("Authorization") String auth, @QueryParam("receipt") String receipt,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, (account, json) -> sandbox.ordersByReceipt(account, receipt));
    }

    @GET
    @Path("/v1/orders/{id}/payments")
    @Operation(hidden = true)
    public Uni<Response> orderPayments(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, (account, json) -> sandbox.orderPayments(account, id));
    }

    @POST
    @Path("/v1/payments/create/json")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> createCard(@HeaderParam("Authorization") String auth, String body, @Context HttpServerRequest http) {
        String uri = http.absoluteURI();
        String base = uri.substring(0, uri.indexOf("/sandbox/razorpay"));
        return handle(http, auth, body, (account, json) -> sandbox.createPayment(account, "card", json, base));
    }

    @POST
    @Path("/v1/payments/create/upi")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> createUpi(@HeaderParam("Authorization") String auth, String body, @Context HttpServerRequest http) {
        return handle(http, auth, body, (account, json) -> sandbox.createPayment(account, "upi", json, null));
    }

    @GET
    @Path("/v1/payments/{id}")
    @Operation(hidden = true)
    public Uni<Response> payment(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, (account, json) -> sandbox.payment(account, id));
    }

    @POST
    @Path("/v1/payments/{id}/capture")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> capture(@HeaderParam("Authorization") String auth, @PathParam("id") String id, String body,
            @Context HttpServerRequest http) {
        return handle(http, auth, body, (account, json) -> sandbox.capture(account, id, json));
    }

    @POST
    @Path("/v1/payments/{id}/refund")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> refund(@HeaderParam("Authorization") String auth, @HeaderParam("X-Refund-Idempotency") String key,
            @PathParam("id") String id, String body, @Context HttpServerRequest http) {
        return handle(http, auth, body, (account, json) -> sandbox.refund(account, id, key, json));
    }

    @GET
    @Path("/v1/payments/{id}/refunds")
    @Operation(hidden = true)
    public Uni<Response> paymentRefunds(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, (account, json) -> sandbox.paymentRefunds(account, id));
    }

    @GET
    @Path("/v1/refunds/{id}")
    @Operation(hidden = true)
    public Uni<Response> fetchRefund(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, (account, json) -> sandbox.fetchRefund(account, id));
    }

    /**
     * The bank's OTP page of a card payment (the {@code next} redirect). Opening it changes nothing:
     * its form POSTs the payer's OTP to {@link #bankComplete}.
     */
    @Operation(hidden = true)
    @GET
    @Path("/bank/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response bank(@PathParam("id") String id) {
        Map<String, Object> p = sandbox.awaitingOtp(id);
        if (p == null) {
            return page(404, "Payment not found", "<p>This payment does not exist or is no longer waiting for its OTP.</p>");
        }
        long amount = ((Number) p.get("amount")).longValue();
        String currency = String.valueOf(p.get("currency"));
        return page(200, "Enter the OTP", """
                <p>Emulated bank authentication of a payment of <strong>%s %s</strong>.</p>
                <form method="post" action="/sandbox/razorpay/bank/%s/complete">
                <label>OTP (4 to 10 digits pass) <input name="otp" value="123456" inputmode="numeric"></label>
                <p><button name="result" value="approve" id="approve">Submit</button>
                <button name="result" value="fail" id="fail">Cancel payment</button></p>
                </form>""".formatted(escape(dev.payrail.money.Currencies.formatMajor(amount, currency)), escape(currency),
                escape(id)));
    }

    /** The payer's answer from the bank page: {@code result=approve} with a 4-10 digit {@code otp} passes. */
    @Operation(hidden = true)
    @POST
    @Path("/bank/{id}/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response bankComplete(@PathParam("id") String id, @FormParam("otp") String otp,
            @FormParam("result") String result) {
        if (sandbox.awaitingOtp(id) == null) {
            return page(404, "Payment not found", "<p>This payment does not exist or is no longer waiting for its OTP.</p>");
        }
        Reply reply = sandbox.payerActs(id, otp, "approve".equals(result));
        if (reply.status() != 200) {
            return page(409, "Payment already processed", "<p>This payment is no longer waiting for its OTP.</p>");
        }
        Object status = reply.body() instanceof Map<?, ?> m ? m.get("status") : null;
        return page(200, "failed".equals(status) ? "Payment failed" : "Payment authenticated",
                "<p id=\"status\">Payment status: " + escape(String.valueOf(status)) + "</p><p>You can close this window.</p>");
    }

    private static Response page(int status, String title, String body) {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Razorpay emulator: %s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
                button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}</style></head>
                <body><h1>%s</h1>
                %s
                </body></html>
                """.formatted(escape(title), escape(title), body);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The payer answers a UPI collect request in the UPI app: {@code ?decision=decline} declines. */
    @Operation(hidden = true)
    @POST
    @Path("/upi/{id}/respond")
    public Response upi(@PathParam("id") String id, @QueryParam("decision") String decision) {
        return write(sandbox.payerActs(id, null, !"decline".equals(decision)));
    }

    // ---- the wire ---------------------------------------------------------------------------

    private interface Work {
        Reply apply(String account, Map<String, Object> json);
    }

    private Uni<Response> handle(HttpServerRequest http, String auth, String body, Work work) {
        String account = account(auth);
        if (account == null) {
            return Uni.createFrom().item(write(RazorpayErrors.unauthorized()));
        }
        RazorpaySandboxSettings s = sandbox.settings();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double draw = random.nextDouble();
        if ((draw -= s.unavailableRate()) < 0) {
            return delayed(write(RazorpayErrors.server(503)), s.latencyMs());
        }
        if ((draw -= s.errorRate()) < 0) {
            return delayed(write(RazorpayErrors.server(500)), s.latencyMs());
        }
        Map<String, Object> json;
        try {
            json = body == null || body.isBlank() ? Map.of() : WIRE.readValue(body, OBJECT);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(write(RazorpayErrors.badRequest("The request body is not valid JSON.", null)));
        }
        Reply reply = work.apply(account, json);
        if (http.path().contains(s.lostResponsePath()) && random.nextDouble() < s.lostResponseRate()) {
            return "reset".equals(s.lostResponseMode()) ? reset(http, s.latencyMs())
                    : delayed(write(reply), Math.max(s.latencyMs(), s.hangMs()));
        }
        return delayed(write(reply), s.latencyMs());
    }

    private String account(String auth) {
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : sandbox.account(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
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
        try {
            return Response.status(reply.status()).type(MediaType.APPLICATION_JSON)
                    .entity(WIRE.writeValueAsString(reply.body())).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
