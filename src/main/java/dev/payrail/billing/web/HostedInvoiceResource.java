package dev.payrail.billing.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.billing.InvoiceActions;
import dev.payrail.billing.InvoiceStore;
import dev.payrail.common.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * {@code /invoices/hosted/{token}}: the customer's page of a finalized invoice, without
 * credentials — the token ({@code hin_} and 32 random base62 characters) in the link is the secret. An open invoice whose
 * payment needs the customer's authentication links to where they complete it.
 */
@Path("/invoices/hosted")
@Tag(name = "Billing")
public class HostedInvoiceResource {

    private static final String TOKEN = "hin_[0-9A-Za-z]{32}";

    private final InvoiceStore invoices;
    private final InvoiceActions actions;
    private final InvoicePage page;

    HostedInvoiceResource(InvoiceStore invoices, InvoiceActions actions, InvoicePage page) {
        this.invoices = invoices;
        this.actions = actions;
        this.page = page;
    }

    @Operation(summary = "Pay an open invoice from its hosted page", description = "The form of the hosted page: "
            + "charges the invoice now with the customer's default card, on-session (a card whose issuer asks for "
            + "authentication gets a link to complete it on the page), and answers with the page. An invoice that is "
            + "not open, or whose charge is under way, is left as it is. A failed attempt here does not move the "
            + "dunning schedule.")
    @APIResponse(responseCode = "200", description = "The invoice page after the attempt.", content = @Content(
            mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Path("/{token}/pay")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> pay(@PathParam("token") String token) {
        if (token == null || !token.matches(TOKEN)) {
            throw ApiException.notFound("invoice");
        }
        return actions.payFromHostedPage(token).chain(found -> {
            if (!found) {
                throw ApiException.notFound("invoice");
            }
            return page(token);
        });
    }

    @Operation(summary = "The hosted invoice page", description = "The invoice as HTML for the customer, reached by "
            + "the invoice's hosted_invoice_url; an unknown token is 404.")
    @APIResponse(responseCode = "200", description = "The invoice page.", content = @Content(mediaType = "text/html",
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{token}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@PathParam("token") String token) {
        if (token == null || !token.matches(TOKEN)) {
            throw ApiException.notFound("invoice");
        }
        return invoices.byHostedToken(token).chain(i -> {
            if (i == null) {
                throw ApiException.notFound("invoice");
            }
            return page.render(i).map(html -> Response.ok(html, MediaType.TEXT_HTML_TYPE)
                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                    .header("X-Robots-Tag", "noindex").build());
        });
    }
}
