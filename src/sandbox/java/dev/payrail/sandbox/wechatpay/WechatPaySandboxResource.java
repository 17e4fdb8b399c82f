package dev.payrail.sandbox.wechatpay;

import java.time.Instant;
import java.util.Map;

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

import dev.payrail.common.Ids;
import dev.payrail.connector.wechatpay.WechatPaySignature;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * WeChat Pay API v3 as the emulator serves it: every request must carry a valid
 * {@code WECHATPAY2-SHA256-RSA2048} {@code Authorization} of a known merchant (its serial, a fresh
 * timestamp, the signature over method, raw path and query, timestamp, nonce and body), else
 * {@code 401 SIGN_ERROR}; every answer is signed with the platform key ({@code Wechatpay-*} headers);
 * errors are WeChat's {@code {code, message}}. Plus the payer's side: the page behind a
 * {@code code_url} (the payer scanned it) or an {@code h5_url}, where the payer pays, fails or backs out.
 * RSA runs on worker threads ({@link Blocking}).
 */
@Path("/sandbox/wechatpay")
@Tag(name = "Sandbox: WeChat Pay emulator")
public class WechatPaySandboxResource {

    private static final ObjectMapper WIRE = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final WechatPaySandbox sandbox;

    WechatPaySandboxResource(WechatPaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    @POST
    @Path("/v3/pay/transactions/native")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(hidden = true)
    public Response nativePrepay(@HeaderParam("Authorization") String auth, String body, @Context HttpServerRequest http) {
        return handle(http, auth, body, (m, json) -> sandbox.prepay(m, "NATIVE", json, base(http)));
    }

    @POST
    @Path("/v3/pay/transactions/h5")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(hidden = true)
    public Response h5Prepay(@HeaderParam("Authorization") String auth, String body, @Context HttpServerRequest http) {
        return handle(http, auth, body, (m, json) -> sandbox.prepay(m, "MWEB", json, base(http)));
    }

    @GET
    @Path("/v3/pay/transactions/out-trade-no/{outTradeNo}")
    @Blocking
    @Operation(hidden = true)
    public Response query(@HeaderParam("Authorization") String auth, @PathParam("outTradeNo") String outTradeNo,
            @QueryParam("mchid") String mchid, @Context HttpServerRequest http) {
        return handle(http, auth, null, (m, json) -> sandbox.query(m, outTradeNo, mchid));
    }

    @POST
    @Path("/v3/pay/transactions/out-trade-no/{outTradeNo}/close")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(hidden = true)
    public Response close(@HeaderParam("Authorization") String auth, @PathParam("outTradeNo") String outTradeNo,
            String body, @Context HttpServerRequest http) {
        return handle(http, auth, body, (m, json) -> sandbox.close(m, outTradeNo, json));
    }

    @POST
    @Path("/v3/refund/domestic/refunds")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(hidden = true)
    public Response refund(@HeaderParam("Authorization") String auth, String body, @Context HttpServerRequest http) {
        return handle(http, auth, body, (m, json) -> sandbox.refund(m, json));
    }

    @GET
    @Path("/v3/refund/domestic/refunds/{outRefundNo}")
    @Blocking
    @Operation(hidden = true)
    public Response refundQuery(@HeaderParam("Authorization") String auth, @PathParam("outRefundNo") String outRefundNo,
            @Context HttpServerRequest http) {
        return handle(http, auth, null, (m, json) -> sandbox.refundQuery(m, outRefundNo));
    }

    // ---- the payer's side -------------------------------------------------------------------

    /** What the payer sees after scanning a Native {@code code_url}. Opening it changes nothing. */
    @GET
    @Path("/bizpayurl")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response scanned(@QueryParam("pr") String token) {
        return payerPage(token, null);
    }

    /** The H5 cashier behind an {@code h5_url}; {@code redirect_url} is where the payer goes when done. */
    @GET
    @Path("/checkmweb")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response h5(@QueryParam("prepay_id") String token, @QueryParam("redirect_url") String redirectUrl) {
        return payerPage(token, redirectUrl);
    }

    /** The payer's choice: {@code action=pay}, {@code fail} or {@code cancel}. */
    @POST
    @Path("/payer/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    @Operation(hidden = true)
    public Response payerActs(@PathParam("token") String token, @FormParam("action") String action,
            @FormParam("redirect_url") String redirectUrl) {
        if (sandbox.payerView(token) == null) {
            return page(404, "Order not found", "<p>This code does not name an order (or it was forgotten).</p>");
        }
        String refused = sandbox.payerActs(token, action);
        if (refused != null) {
            return page(409, "Payment not possible", "<p id=\"status\">" + escape(refused) + "</p>");
        }
        Map<String, Object> view = sandbox.payerView(token);
        String back = redirectUrl == null || redirectUrl.isBlank() ? ""
                : "<p><a id=\"return\" href=\"" + escape(redirectUrl) + "\">Back to the merchant</a></p>";
        String title = "pay".equals(action) ? "支付成功 Payment successful" : "cancel".equals(action) ? "Payment cancelled"
                : "支付失败 Payment failed";
        return page(200, title, "<p id=\"status\">trade_state: " + escape(String.valueOf(view.get("trade_state")))
                + "</p>" + back);
    }

    private Response payerPage(String token, String redirectUrl) {
        Map<String, Object> v = sandbox.payerView(token);
        if (v == null) {
            return page(404, "Order not found", "<p>This code does not name an order (or it was forgotten).</p>");
        }
        long total = ((Number) v.get("total")).longValue();
        String amount = "¥" + total / 100 + "." + String.format("%02d", total % 100);
        String state = String.valueOf(v.get("trade_state"));
        boolean payable = "NOTPAY".equals(state) && !Boolean.TRUE.equals(v.get("expired"));
        String form = payable ? """
                <form method="post" action="/sandbox/wechatpay/payer/%s">
                <input type="hidden" name="redirect_url" value="%s">
                <p><button name="action" value="pay" id="pay">Pay 支付</button>
                <button name="action" value="fail" id="fail">Payment fails</button>
                <button name="action" value="cancel" id="cancel">Cancel 取消</button></p>
                </form>""".formatted(escape(token), escape(redirectUrl == null ? "" : redirectUrl))
                : "<p id=\"closed\">" + (Boolean.TRUE.equals(v.get("expired")) ? "This order expired at "
                        + escape(String.valueOf(v.get("time_expire"))) + "." : "This order is " + escape(state) + ".") + "</p>";
        return page(200, "WeChat Pay: " + amount, """
                <p>Emulated WeChat Pay cashier (%s) of merchant %s.</p>
                <dl><dt>Description</dt><dd id="description">%s</dd><dt>Amount</dt><dd id="amount">%s</dd>
                <dt>Order</dt><dd id="out_trade_no">%s</dd><dt>State</dt><dd id="trade_state">%s</dd>
                <dt>Pay before</dt><dd id="time_expire">%s</dd></dl>
                %s""".formatted(escape(String.valueOf(v.get("trade_type"))), escape(String.valueOf(v.get("mchid"))),
                escape(String.valueOf(v.get("description"))), escape(amount), escape(String.valueOf(v.get("out_trade_no"))),
                escape(state), escape(String.valueOf(v.get("time_expire"))), form));
    }

    private static Response page(int status, String title, String body) {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>WeChat Pay emulator: %s</title>
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

    // ---- the wire ---------------------------------------------------------------------------

    private interface Work {
        WechatPaySandboxReply apply(WechatPaySandbox.Merchant merchant, Map<String, Object> json);
    }

    private Response handle(HttpServerRequest http, String auth, String body, Work work) {
        String raw = body == null ? "" : body;
        WechatPaySandbox.Merchant merchant = sandbox.merchant(signer(auth));
        String refused = refusal(merchant, auth, http.method().name(), http.uri(), raw);
        if (refused != null) {
            return write(WechatPaySandboxReply.signError(refused));
        }
        if (sandbox.limited(merchant.mchid())) {
            return write(WechatPaySandboxReply.error(429, "FREQUENCY_LIMITED", "频率超限"));
        }
        Map<String, Object> json;
        try {
            json = raw.isBlank() ? Map.of() : WIRE.readValue(raw, OBJECT);
        } catch (JsonProcessingException e) {
            return write(WechatPaySandboxReply.paramError("请求体不是合法的JSON"));
        }
        return write(work.apply(merchant, json));
    }

    private static String signer(String auth) {
        Map<String, String> fields = WechatPaySignature.parseAuthorization(auth);
        return fields == null ? null : fields.get("mchid");
    }

    /** Why the request's signature is refused, or {@code null}. */
    private String refusal(WechatPaySandbox.Merchant merchant, String auth, String method, String uri, String body) {
        Map<String, String> f = WechatPaySignature.parseAuthorization(auth);
        if (f == null) {
            return "Authorization 不合法：缺少 WECHATPAY2-SHA256-RSA2048 认证信息";
        }
        if (merchant == null) {
            return "商户号不存在或未配置证书";
        }
        if (!merchant.serialNo().equals(f.get("serial_no"))) {
            return "商户证书序列号有误";
        }
        String nonce = f.get("nonce_str");
        String signature = f.get("signature");
        long ts;
        try {
            ts = Long.parseLong(f.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            return "Authorization 中 timestamp 不合法";
        }
        if (nonce == null || signature == null) {
            return "Authorization 缺少 nonce_str 或 signature";
        }
        if (Math.abs(Instant.now().getEpochSecond() - ts) > sandbox.config().signatureTolerance().toSeconds()) {
            return "请求的时间戳已过期";
        }
        String message = WechatPaySignature.requestMessage(method, uri, ts, nonce, body);
        return WechatPaySignature.verify(merchant.publicKey(), message, signature) ? null : "签名错误";
    }

    /** The reply as JSON, signed with the platform key. */
    private Response write(WechatPaySandboxReply reply) {
        String body;
        try {
            body = reply.body() == null ? "" : WIRE.writeValueAsString(reply.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Response.ResponseBuilder b = Response.status(reply.status()).header("Request-ID", Ids.random(24));
        if (sandbox.platformKey() != null) {
            WechatPaySandboxNotifier.signedHeaders(sandbox.platformKey(), sandbox.platformSerialNo(),
                    Instant.now().getEpochSecond(), body).forEach((k, v) -> {
                        if (!"Wechatpay-Signature-Type".equals(k)) {
                            b.header(k, v);
                        }
                    });
        }
        if (reply.body() != null) {
            b.type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body);
        }
        return b.build();
    }

    private static String base(HttpServerRequest http) {
        String uri = http.absoluteURI();
        return uri.substring(0, uri.indexOf("/sandbox/wechatpay"));
    }
}
