package dev.payrail.payment;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.connector.alipay.AlipayConnector;
import io.smallrye.mutiny.Uni;

/**
 * Where Alipay's cashier page sends a page-pay payer back ({@code return_url} of
 * {@code alipay.trade.page.pay}, with Alipay's signed {@code alipay.trade.page.pay.return}
 * parameters). It trusts nothing from the browser and changes nothing: Alipay's notify or the
 * reconciler settles the payment. It sends the payer on to the merchant's {@code wallet.return_url}
 * ({@code 303}, with {@code payment_id}) or, when the merchant gave none, shows the payment's status.
 */
@Path("/alipay")
@Tag(name = "Alipay")
public class AlipayReturnResource {

    private final PaymentStore payments;
    private final AlipayConnector connector;

    AlipayReturnResource(PaymentStore payments, AlipayConnector connector) {
        this.payments = payments;
        this.connector = connector;
    }

    @Operation(summary = "Alipay payer return page", description = "Where Alipay sends a page-pay payer back: forwards to the merchant's return_url, or shows the payment status. Changes nothing.")
    @APIResponse(responseCode = "200", description = "An HTML page with the payment status.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "303", description = "On to the merchant's return_url.")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/return/{paymentId}")
    public Uni<Response> returned(@PathParam("paymentId") String paymentId, @Context UriInfo uri) {
        if (paymentId == null || !paymentId.matches("pay_[0-9A-Za-z]{6,40}")) {
            throw ApiException.notFound("payment");
        }
        Map<String, String> params = new HashMap<>();
        for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
            if (!e.getValue().isEmpty()) {
                params.put(e.getKey(), e.getValue().get(0));
            }
        }
        return payments.findAnyMerchant(paymentId).chain(p -> {
            if (p == null || !AlipayConnector.NAME.equals(p.provider())) {
                throw ApiException.notFound("payment");
            }
            boolean signed = paymentId.equals(params.get("out_trade_no"));
            Uni<Boolean> verified = signed ? connector.verifyReturn(p.merchantId(), params) : Uni.createFrom().item(false);
            return verified.map(ok -> {
                Object merchantReturn = p.methodDetails() == null ? null : p.methodDetails().get("return_url");
                if (merchantReturn instanceof String url) {
                    String sep = url.contains("?") ? "&" : "?";
                    return Response.seeOther(URI.create(url + sep + "payment_id="
                            + URLEncoder.encode(p.id(), StandardCharsets.UTF_8))).build();
                }
                return Response.ok(page(p.status().publicName(), ok), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .build();
            });
        });
    }

    private static String page(String status, boolean verified) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Payrail: Alipay</title></head>
                <body><h1>Thank you</h1><p id="status">Payment status: %s</p>
                <p id="alipay-return">%s</p>
                <p>You can close this window.</p></body></html>
                """.formatted(status, verified ? "Alipay confirmed your return." : "Alipay's confirmation is on its way.");
    }
}
