package dev.payrail.sandbox.pagadito;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.pagadito.PagaditoWire;
import dev.payrail.money.Currencies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Pagadito's APIPG as the emulator serves it — one URL, {@code /sandbox/pagadito/comercios/apipg/charges.php}
 * (the path of Pagadito's sandbox, {@code https://sandbox.pagadito.com/comercios/apipg/charges.php}),
 * a form-encoded POST whose {@code operation} is one of the library's keys, a JSON answer
 * {@code {code, message, value, datetime}} — with configurable latency and injected failures; plus
 * the payer page exec_trans sends the payer to ({@code /comercios/index.php?mod=login&token=…}),
 * whose buttons pay or go back to the shop, and then send the browser to the return URL of the
 * account's panel with the token and the ERN.
 */
@Path("/sandbox/pagadito/comercios")
@Tag(name = "Sandbox: Pagadito emulator")
public class PagaditoSandboxResource {

    private static final ObjectMapper WIRE = new ObjectMapper();
    private static final String ROOT = "/sandbox/pagadito";

    private final PagaditoSandbox sandbox;

    PagaditoSandboxResource(PagaditoSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @POST
    @Path("/apipg/charges.php")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> charges(String body, @Context HttpServerRequest http) {
        PagaditoSandboxSettings s = sandbox.settings();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < s.unavailableRate()) {
            return delayed(Response.status(503).type(MediaType.TEXT_HTML).entity("<h1>Service Unavailable</h1>").build(),
                    s.latencyMs());
        }
        Map<String, String> form = PagaditoWire.parseForm(body);
        String op = form.getOrDefault(PagaditoWire.OPERATION, "");
        String name;
        PagaditoSandbox.Reply reply;
        switch (op) {
            case PagaditoWire.OP_CONNECT -> {
                name = "connect";
                reply = sandbox.connect(form);
            }
            case PagaditoWire.OP_EXEC_TRANS -> {
                name = "exec_trans";
                String uri = http.absoluteURI();
                reply = sandbox.execTrans(form, uri.substring(0, uri.indexOf("/apipg/")));
            }
            case PagaditoWire.OP_GET_STATUS -> {
                name = "get_status";
                reply = sandbox.getStatus(form);
            }
            default -> {
                name = "unknown";
                reply = sandbox.unknownOperation();
            }
        }
        Response answer = write(reply);
        String lost = s.lostResponseOperation();
        if ((lost.isEmpty() || lost.equals(name)) && random.nextDouble() < s.lostResponseRate()) {
            return "reset".equals(s.lostResponseMode()) ? reset(http, s.latencyMs())
                    : delayed(answer, Math.max(s.latencyMs(), s.hangMs()));
        }
        return delayed(answer, s.latencyMs());
    }

    /** The payer page: the transaction, and buttons to pay or to go back to the shop. Opening it changes nothing. */
    @GET
    @Path("/index.php")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response payerPage(@QueryParam("token") String token) {
        PagaditoSandbox.Transaction t = sandbox.transaction(token);
        if (t == null) {
            return page(404, "Transaction not found", "<p>This transaction does not exist.</p>");
        }
        String status = t.status();
        String amount = escape(Currencies.formatMajor(Currencies.toMinor(new java.math.BigDecimal(t.amount()),
                t.currency()), t.currency())) + " " + escape(t.currency());
        if (!PagaditoWire.S_REGISTERED.equals(status)) {
            return page(200, "Transaction " + status.toLowerCase(java.util.Locale.ROOT),
                    "<p>Order <strong>" + escape(t.ern()) + "</strong> of " + amount + ".</p>"
                            + "<p id=\"status\">Status: " + escape(status) + "</p>");
        }
        return page(200, "Pay with Pagadito", """
                <p>Order <strong>%s</strong>: <strong id="amount">%s</strong>.</p>
                <p id="status">Status: REGISTERED</p>
                <form method="post" action="%s/comercios/index.php?mod=pay&amp;token=%s">
                <p><button name="action" value="pay" id="pay">Pay</button>
                <button name="action" value="cancel" id="cancel">Back to the shop</button></p>
                </form>""".formatted(escape(t.ern()), amount, ROOT, escape(token)));
    }

    /** The payer's choice: {@code action=pay} completes, anything else cancels; the browser goes to the return URL. */
    @POST
    @Path("/index.php")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response payerActs(@QueryParam("token") String token, @FormParam("action") String action,
            @Context HttpServerRequest http) {
        String uri = http.absoluteURI();
        String back = sandbox.payerActs(token, "pay".equals(action), uri.substring(0, uri.indexOf(ROOT)));
        if (back == null) {
            return page(404, "Transaction not found", "<p>This transaction does not exist.</p>");
        }
        return Response.seeOther(URI.create(back)).build();
    }

    // ---- the wire ---------------------------------------------------------------------------

    private Response write(PagaditoSandbox.Reply reply) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", reply.code());
        body.put("message", reply.message());
        body.put("value", reply.value());
        body.put("datetime", sandbox.datetime());
        try {
            return Response.ok(WIRE.writeValueAsString(body), MediaType.APPLICATION_JSON).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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

    private static Response page(int status, String title, String body) {
        String html = """
                <!doctype html>
                <html lang="es"><head><meta charset="utf-8"><title>Pagadito emulator: %s</title>
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
}
