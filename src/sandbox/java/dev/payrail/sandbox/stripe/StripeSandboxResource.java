package dev.payrail.sandbox.stripe;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.Ids;
import dev.payrail.sandbox.stripe.StripeSandbox.Reply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Stripe's HTTP API as the emulator serves it: form-encoded requests, JSON answers, Stripe error
 * objects, Bearer secret keys, {@code Idempotency-Key} replay, configurable latency and injected
 * failures. Exists only while the sandbox is enabled (see {@link dev.payrail.sandbox.SandboxGuard}).
 */
@Path("/sandbox/stripe")
@Tag(name = "Sandbox: Stripe emulator")
public class StripeSandboxResource {

    /** Plain Jackson: Stripe's field names are written as given and nulls are kept, as Stripe does. */
    private static final ObjectMapper WIRE = new ObjectMapper();

    private final StripeSandbox sandbox;
    private final StripeSandboxWebhooks webhooks;
    private final StripeSandboxDisputes disputes;

    StripeSandboxResource(StripeSandbox sandbox, StripeSandboxWebhooks webhooks, StripeSandboxDisputes disputes) {
        this.sandbox = sandbox;
        this.webhooks = webhooks;
        this.disputes = disputes;
    }

    /** Test helper (not a Stripe API): opens a dispute on a succeeded PaymentIntent; see {@link StripeSandboxDisputes}. */
    @POST
    @Path("/v1/test_helpers/disputes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> openDispute(@HeaderParam("Authorization") String auth, MultivaluedMap<String, String> form,
            @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        return handle(http, auth, null, null, f, r -> disputes.open(account(auth), f));
    }

    @GET
    @Path("/v1/disputes/{id}")
    @Operation(hidden = true)
    public Uni<Response> retrieveDispute(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, null, Map.of(), r -> disputes.retrieve(account(auth), id));
    }

    @POST
    @Path("/v1/disputes/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> updateDispute(@HeaderParam("Authorization") String auth, @HeaderParam("Idempotency-Key") String key,
            @PathParam("id") String id, MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        return handle(http, auth, key, "POST /v1/disputes/" + id, f, r -> disputes.update(account(auth), id, f));
    }

    @POST
    @Path("/v1/disputes/{id}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> closeDispute(@HeaderParam("Authorization") String auth, @HeaderParam("Idempotency-Key") String key,
            @PathParam("id") String id, MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        return handle(http, auth, key, "POST /v1/disputes/" + id + "/close", f, r -> disputes.close(account(auth), id));
    }

    @POST
    @Path("/v1/payment_intents")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> create(@HeaderParam("Authorization") String auth, @HeaderParam("Idempotency-Key") String key,
            MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        String uri = http.absoluteURI();
        String base = uri.substring(0, uri.indexOf("/sandbox/stripe"));
        return handle(http, auth, key, "POST /v1/payment_intents", f, r -> sandbox.createIntent(account(auth), f, r, base));
    }

    @POST
    @Path("/v1/payment_intents/{id}/capture")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> capture(@HeaderParam("Authorization") String auth, @HeaderParam("Idempotency-Key") String key,
            @PathParam("id") String id, MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        return handle(http, auth, key, "POST /v1/payment_intents/" + id + "/capture", f, r -> sandbox.capture(account(auth), id, f));
    }

    @POST
    @Path("/v1/payment_intents/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> cancel(@HeaderParam("Authorization") String auth, @HeaderParam("Idempotency-Key") String key,
            @PathParam("id") String id, MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        return handle(http, auth, key, "POST /v1/payment_intents/" + id + "/cancel", f, r -> sandbox.cancel(account(auth), id, f));
    }

    @GET
    @Path("/v1/payment_intents/search")
    @Operation(hidden = true)
    public Uni<Response> search(@HeaderParam("Authorization") String auth, @QueryParam("query") String query,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, null, Map.of(), r -> sandbox.search(account(auth), query));
    }

    @GET
    @Path("/v1/payment_intents/{id}")
    @Operation(hidden = true)
    public Uni<Response> retrieve(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @QueryParam("expand[]") java.util.List<String> expand, @Context HttpServerRequest http) {
        boolean charge = expand != null && expand.contains("latest_charge");
        return handle(http, auth, null, null, Map.of(), r -> sandbox.retrieve(account(auth), id, charge));
    }

    @POST
    @Path("/v1/refunds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> refund(@HeaderParam("Authorization") String auth, @HeaderParam("Idempotency-Key") String key,
            MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        sandbox.countRefundPost(f);
        return handle(http, auth, key, "POST /v1/refunds", f, r -> sandbox.refund(account(auth), f));
    }

    @POST
    @Path("/v1/customers")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> createCustomer(@HeaderParam("Authorization") String auth, @HeaderParam("Idempotency-Key") String key,
            MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        return handle(http, auth, key, "POST /v1/customers", f, r -> sandbox.createCustomer(account(auth), f));
    }

    @GET
    @Path("/v1/customers/{id}")
    @Operation(hidden = true)
    public Uni<Response> retrieveCustomer(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, null, Map.of(), r -> sandbox.retrieveCustomer(account(auth), id));
    }

    @GET
    @Path("/v1/payment_methods/{id}")
    @Operation(hidden = true)
    public Uni<Response> retrievePaymentMethod(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, null, Map.of(), r -> sandbox.retrievePaymentMethod(account(auth), id));
    }

    @POST
    @Path("/v1/payment_methods/{id}/detach")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> detachPaymentMethod(@HeaderParam("Authorization") String auth,
            @HeaderParam("Idempotency-Key") String key, @PathParam("id") String id, MultivaluedMap<String, String> form,
            @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        return handle(http, auth, key, "POST /v1/payment_methods/" + id + "/detach", f,
                r -> sandbox.detachPaymentMethod(account(auth), id));
    }

    @POST
    @Path("/v1/webhook_endpoints")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> createWebhookEndpoint(@HeaderParam("Authorization") String auth,
            @HeaderParam("Idempotency-Key") String key, MultivaluedMap<String, String> form,
            @Context HttpServerRequest http) {
        Map<String, String> f = flat(form);
        return handle(http, auth, key, "POST /v1/webhook_endpoints", f, r -> webhooks.create(account(auth), f));
    }

    @GET
    @Path("/v1/webhook_endpoints")
    @Operation(hidden = true)
    public Uni<Response> listWebhookEndpoints(@HeaderParam("Authorization") String auth, @Context HttpServerRequest http) {
        return handle(http, auth, null, null, Map.of(), r -> webhooks.list(account(auth)));
    }

    @DELETE
    @Path("/v1/webhook_endpoints/{id}")
    @Operation(hidden = true)
    public Uni<Response> deleteWebhookEndpoint(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, null, Map.of(), r -> webhooks.delete(account(auth), id));
    }

    @GET
    @Path("/v1/refunds/{id}")
    @Operation(hidden = true)
    public Uni<Response> retrieveRefund(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, null, Map.of(), r -> sandbox.retrieveRefund(account(auth), id));
    }

    @GET
    @Path("/v1/refunds")
    @Operation(hidden = true)
    public Uni<Response> listRefunds(@HeaderParam("Authorization") String auth,
            @QueryParam("payment_intent") String paymentIntent, @QueryParam("limit") Integer limit,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, null, Map.of(), r -> sandbox.listRefunds(account(auth), paymentIntent, limit));
    }

    /**
     * The emulated 3-D Secure page of a {@code requires_action} intent (its {@code next_action}
     * URL). Opening it changes nothing: its buttons POST the customer's answer to
     * {@link #completeAuthentication}. It shows the amount, never the intent or its client secret.
     */
    @GET
    @Path("/authenticate/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response authenticate(@PathParam("id") String id, @QueryParam("token") String token) {
        StripeSandbox.Challenge c = sandbox.challenge(id, token);
        if (c == null) {
            return page(404, "Authentication not found", "<p>This authentication does not exist or is finished.</p>");
        }
        String amount = dev.payrail.money.Currencies.formatMajor(c.amount(), c.currency().toUpperCase(java.util.Locale.ROOT))
                + " " + c.currency().toUpperCase(java.util.Locale.ROOT);
        return page(200, "Confirm your payment", """
                <p>Emulated 3-D Secure authentication of a payment of <strong>%s</strong>.</p>
                <form method="post" action="/sandbox/stripe/authenticate/%s/complete">
                <input type="hidden" name="token" value="%s">
                <button name="result" value="approve" id="approve">Complete authentication</button>
                <button name="result" value="fail" id="fail">Fail authentication</button>
                </form>""".formatted(escape(amount), escape(c.intentId()), escape(token)));
    }

    /** The customer's answer from the 3-D Secure page: {@code result=approve} passes, {@code fail} fails. */
    @POST
    @Path("/authenticate/{id}/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response completeAuthentication(@PathParam("id") String id, @FormParam("token") String token,
            @FormParam("result") String result) {
        if (!"approve".equals(result) && !"fail".equals(result)) {
            return page(400, "Authentication not completed", "<p>result must be approve or fail.</p>");
        }
        StripeSandbox.Challenge c = sandbox.challenge(id, token);
        Reply reply = sandbox.authenticate(id, token, "approve".equals(result));
        if (reply.status() == 404) {
            return page(404, "Authentication not found", "<p>This authentication does not exist.</p>");
        }
        if (reply.status() != 200) {
            return page(409, "Authentication already finished", "<p>This payment is no longer waiting for authentication.</p>");
        }
        String back = c == null || c.returnUrl() == null || c.returnUrl().isBlank() ? ""
                : "<p><a id=\"return\" href=\"%s\">Return to the merchant</a></p>".formatted(escape(c.returnUrl()));
        return page(200, "approve".equals(result) ? "Authentication complete" : "Authentication failed",
                "<p id=\"status\">" + ("approve".equals(result) ? "You can close this window." : "The payment was not authenticated.")
                        + "</p>" + back);
    }

    private static Response page(int status, String title, String body) {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Stripe emulator: %s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
                button{font-size:1rem;padding:.6rem 1.2rem;margin:0 .5rem .5rem 0}</style></head>
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

    // ---- the wire ---------------------------------------------------------------------------

    private Uni<Response> handle(HttpServerRequest http, String auth, String key, String fingerprintBase,
            Map<String, String> form, Function<SplittableRandom, Reply> work) {
        sandbox.countRequest(form.get("metadata[payrail_payment_id]"), form.get("payment_method"));
        if (account(auth) == null) {
            return Uni.createFrom().item(write(StripeErrors.unauthorized()));
        }
        String account = account(auth);
        SplittableRandom random = sandbox.random();
        StripeSandboxSettings s = sandbox.settings();
        long latency = sandbox.latency(random);
        double draw = random.nextDouble();
        if ((draw -= s.unavailableRate()) < 0) {
            return delayed(write(StripeErrors.serverError(503)), latency);
        }
        if ((draw -= s.errorRate()) < 0) {
            return delayed(write(StripeErrors.serverError(500)), latency);
        }
        if ((draw -= s.resetRate()) < 0) {
            return reset(http, latency);
        }
        if ((draw -= s.timeoutRate()) < 0) {
            return reset(http, s.hangMs());
        }
        boolean idempotent = key != null && fingerprintBase != null;
        String fingerprint = idempotent ? fingerprintBase + " " + new TreeMap<>(form) : null;
        if (idempotent) {
            Reply early = sandbox.beginIdempotent(account, key, fingerprint);
            if (early != null) {
                return delayed(write(early), latency);
            }
        }
        Reply reply;
        try {
            reply = work.apply(random);
        } catch (RuntimeException e) {
            if (idempotent) {
                sandbox.endIdempotent(account, key, fingerprint, new Reply(400, Map.of(), false));
            }
            throw e;
        }
        if (idempotent) {
            sandbox.endIdempotent(account, key, fingerprint, reply);
        }
        if (random.nextDouble() < s.lostResponseRate()) {
            return "reset".equals(s.lostResponseMode()) ? reset(http, latency)
                    : delayed(write(reply), Math.max(latency, s.hangMs()));
        }
        return delayed(write(reply), latency);
    }

    /** Secret keys of the test mode: {@code sk_test_…} or restricted {@code rk_test_…}, Bearer or Basic. */
    static String account(String auth) {
        if (auth == null) {
            return null;
        }
        String key = null;
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = auth.substring(7).trim();
        } else if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()),
                        java.nio.charset.StandardCharsets.UTF_8);
                key = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return key != null && (key.startsWith("sk_test_") || key.startsWith("rk_test_")) && key.length() > 8 ? key : null;
    }

    private static Uni<Response> delayed(Response response, long millis) {
        Uni<Response> uni = Uni.createFrom().item(response);
        return millis <= 0 ? uni : uni.onItem().delayIt().by(Duration.ofMillis(millis));
    }

    /** Closes the connection without an answer, after {@code millis}. */
    private static Uni<Response> reset(HttpServerRequest http, long millis) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(Math.max(1, millis)))
                .map(v -> {
                    http.connection().close();
                    return Response.status(500).build();
                });
    }

    static Response write(Reply reply) {
        try {
            Response.ResponseBuilder b = Response.status(reply.status()).type(MediaType.APPLICATION_JSON)
                    .entity(WIRE.writeValueAsString(reply.body()))
                    .header("Request-Id", "req_" + Ids.random(14));
            if (reply.replayed()) {
                b.header("Idempotent-Replayed", "true");
            }
            if (reply.status() >= 500) {
                b.header("Stripe-Should-Retry", "true");
            }
            return b.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> flat(MultivaluedMap<String, String> form) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (form != null) {
            form.forEach((k, v) -> {
                if (k.endsWith("[]") && v != null && v.size() > 1) { // a list sent as key[]=a&key[]=b: key[0], key[1]
                    for (int i = 0; i < v.size(); i++) {
                        out.put(k.substring(0, k.length() - 2) + "[" + i + "]", v.get(i));
                    }
                } else {
                    out.put(k, v == null || v.isEmpty() ? "" : v.get(0));
                }
            });
        }
        return out;
    }
}
