package dev.payrail.payment;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.connector.pagadito.PagaditoConnector;
import io.smallrye.mutiny.Uni;

/**
 * Where Pagadito sends the payer back: the return URL a merchant sets in the Pagadito panel
 * (Technical configuration → Integration parameters), {@code <payrail>/pagadito/return/<merchant id>?token={value}&ern={ern_value}}
 * for the merchant's own Pagadito account, {@code <payrail>/pagadito/return?token={value}&ern={ern_value}}
 * for the platform's sandbox account. See {@link PagaditoReturn}; this page shows the outcome and
 * sends the payer on to the merchant's {@code wallet.return_url}.
 */
@Path(PagaditoConnector.RETURN_PATH)
@Tag(name = "Pagadito")
public class PagaditoReturnResource {

    private final PagaditoReturn flow;

    PagaditoReturnResource(PagaditoReturn flow) {
        this.flow = flow;
    }

    @Operation(summary = "Pagadito payer return page (platform account)",
            description = "Where Pagadito sends the payer of a payment made with the platform's Pagadito account: Payrail asks Pagadito for the transaction's status, settles the payment and shows it.")
    @APIResponse(responseCode = "200", description = "An HTML page with the payment status.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> platform(@QueryParam("token") String token, @QueryParam("ern") String ern) {
        return flow.returned(null, token, ern).map(PagaditoReturnResource::page);
    }

    @Operation(summary = "Pagadito payer return page (merchant's account)",
            description = "Where Pagadito sends the payer of a payment made with the merchant's own Pagadito account: Payrail asks Pagadito for the transaction's status, settles the payment and shows it.")
    @APIResponse(responseCode = "200", description = "An HTML page with the payment status.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{merchantId}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> merchant(@PathParam("merchantId") String merchantId, @QueryParam("token") String token,
            @QueryParam("ern") String ern) {
        return flow.returned(merchantId, token, ern).map(PagaditoReturnResource::page);
    }

    static String page(PagaditoReturn.Result result) {
        Payment p = result.payment();
        String status = p.status().publicName();
        String headline = result.lateSuccess()
                ? "Your payment arrived after this payment had expired. The shop has not accepted it; contact the shop for a refund."
                : switch (p.status()) {
                    case CAPTURED, AUTHORIZED, PARTIALLY_REFUNDED, REFUNDED -> "Thank you: your payment is complete.";
                    case FAILED, CANCELLED -> "Your payment was not completed.";
                    default -> "Your payment is being confirmed by Pagadito.";
                };
        Map<String, Object> details = p.methodDetails() == null ? Map.of() : p.methodDetails();
        String back = details.get("return_url") instanceof String s ? escape(s) : null;
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Payrail: Pagadito</title>%s
                <style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:4rem auto;padding:0 1rem}</style></head>
                <body><h1>%s</h1><p id="status">Payment status: %s</p>%s</body></html>
                """.formatted(back == null ? "" : "<meta http-equiv=\"refresh\" content=\"3;url=" + back + "\">",
                escape(headline), escape(status),
                back == null ? "<p>You can close this window.</p>"
                        : "<p><a id=\"back\" href=\"" + back + "\">Back to the shop</a></p>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
