package dev.payrail.sandbox.alipay;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.connector.alipay.AlipayRsa2;
import dev.payrail.connector.alipay.AlipayTime;
import dev.payrail.sandbox.alipay.AlipaySandbox.Answer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Alipay's {@code gateway.do} as the emulator serves it — a form POST or a GET with every parameter
 * in the query string, answered {@code text/html;charset=utf-8} with the signed JSON Alipay writes —
 * plus the payer's side: the QR code's URL (scanning it opens the payer page) and the cashier page of
 * a page-pay trade, whose buttons pay or cancel. RSA work runs on worker threads ({@link Blocking}).
 */
@Path("/sandbox/alipay")
@Tag(name = "Sandbox: Alipay emulator")
public class AlipaySandboxResource {

    private final AlipaySandbox sandbox;

    AlipaySandboxResource(AlipaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    @POST
    @Path("/gateway.do")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(hidden = true)
    public Uni<Response> post(String body, @Context HttpServerRequest http) {
        Map<String, String> params = query(http);
        params.putAll(parse(body == null ? "" : body));
        return handle(params, http);
    }

    @GET
    @Path("/gateway.do")
    @Blocking
    @Operation(hidden = true)
    public Uni<Response> get(@Context HttpServerRequest http) {
        return handle(query(http), http);
    }

    private Uni<Response> handle(Map<String, String> params, HttpServerRequest http) {
        String uri = http.absoluteURI();
        String base = uri.substring(0, uri.indexOf("/sandbox/alipay") + "/sandbox/alipay".length());
        Answer answer = sandbox.gateway(params, base);
        if (answer.redirect() != null) {
            return Uni.createFrom().item(Response.seeOther(URI.create(answer.redirect())).build());
        }
        Response response = Response.ok(sandbox.body(answer.reply()), "text/html;charset=utf-8").build();
        AlipaySandboxSettings s = sandbox.settings();
        String method = params.getOrDefault("method", "");
        if (method.contains(s.lostResponseMethod()) && ThreadLocalRandom.current().nextDouble() < s.lostResponseRate()) {
            return "reset".equals(s.lostResponseMode()) ? reset(http, s.latencyMs())
                    : delayed(response, Math.max(s.latencyMs(), s.hangMs()));
        }
        return delayed(response, s.latencyMs());
    }

    // ---- the payer --------------------------------------------------------------------------

    /** The URL in a precreate's {@code qr_code}: scanning it in the Alipay app opens the trade. */
    @GET
    @Path("/qr/{code}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response scan(@PathParam("code") String code) {
        return payerPage(code);
    }

    /** The cashier page of a page-pay trade (where {@code gateway.do} sends the payer's browser). */
    @GET
    @Path("/cashier/{code}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response cashier(@PathParam("code") String code) {
        return payerPage(code);
    }

    private Response payerPage(String code) {
        AlipayTrade t = sandbox.byCode(code);
        if (t == null) {
            return page(404, "Trade not found", "<p>This code does not belong to any trade.</p>");
        }
        if (!sandbox.scan(t)) {
            synchronized (t) {
                return page(410, "Trade not payable", "<p id=\"status\">Trade status: "
                        + escape(t.status == null ? "EXPIRED" : t.status) + "</p>");
            }
        }
        String total;
        String subject;
        synchronized (t) {
            total = AlipayTrade.yuan(t.total);
            subject = t.subject;
        }
        return page(200, "Alipay", """
                <p>%s</p><p>Amount: <strong>¥%s</strong> (out_trade_no %s)</p>
                <form method="post" action="/sandbox/alipay/cashier/%s">
                <p><button name="action" value="pay" id="pay">Pay</button>
                <button name="action" value="cancel" id="cancel">Cancel</button></p>
                </form>""".formatted(escape(subject), escape(total), escape(t.outTradeNo), escape(code)));
    }

    /** The payer's button: {@code action=pay} pays (the notify follows), {@code cancel} closes the trade. */
    @POST
    @Path("/cashier/{code}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response act(@PathParam("code") String code, @FormParam("action") String action) {
        AlipayTrade t = sandbox.byCode(code);
        if (t == null) {
            return page(404, "Trade not found", "<p>This code does not belong to any trade.</p>");
        }
        String status = sandbox.payerActs(code, "pay".equals(action));
        boolean paid = "pay".equals(action) && "TRADE_SUCCESS".equals(status);
        if (paid && t.returnUrl != null) {
            return Response.seeOther(URI.create(returnUrl(t))).build();
        }
        return page(200, paid ? "Paid" : "Trade " + status, "<p id=\"status\">Trade status: " + escape(status) + "</p>");
    }

    /** The page-pay return: {@code return_url} with Alipay's signed {@code alipay.trade.page.pay.return} parameters. */
    private String returnUrl(AlipayTrade t) {
        Map<String, String> p = new java.util.TreeMap<>();
        synchronized (t) {
            p.put("method", "alipay.trade.page.pay.return");
            p.put("app_id", t.appId);
            p.put("auth_app_id", t.appId);
            p.put("charset", "utf-8");
            p.put("version", "1.0");
            p.put("out_trade_no", t.outTradeNo);
            p.put("trade_no", t.tradeNo);
            p.put("total_amount", AlipayTrade.yuan(t.total));
            p.put("seller_id", t.sellerId == null ? "" : t.sellerId);
            p.put("timestamp", AlipayTime.format(java.time.Instant.now()));
            p.put("sign_type", "RSA2");
        }
        p.put("sign", AlipayRsa2.sign(AlipayRsa2.notifyContent(p), sandbox.alipayKey()));
        return t.returnUrl + (t.returnUrl.contains("?") ? "&" : "?") + AlipaySandboxNotifier.form(p);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static Map<String, String> query(HttpServerRequest http) {
        String q = http.query();
        return q == null ? new HashMap<>() : parse(q);
    }

    static Map<String, String> parse(String form) {
        Map<String, String> out = new HashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // Alipay ignores what it cannot decode; the signature check then fails
            }
        }
        return out;
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
                <html lang="zh-CN"><head><meta charset="utf-8"><title>Alipay emulator: %s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
                button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}</style></head>
                <body><h1>%s</h1>
                %s
                </body></html>
                """.formatted(escape(title), escape(title), body);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
