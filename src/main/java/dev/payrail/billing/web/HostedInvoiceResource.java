package dev.payrail.billing.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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

    private final InvoiceStore invoices;
    private final InvoicePage page;

    HostedInvoiceResource(InvoiceStore invoices, InvoicePage page) {
        this.invoices = invoices;
        this.page = page;
    }

    @Operation(summary = "The hosted invoice page", description = "The invoice as HTML for the customer, reached by "
            + "the invoice's hosted_invoice_url; an unknown token is 404.")
    @APIResponse(responseCode = "200", description = "The invoice page.", content = @Content(mediaType = "text/html",
            examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{token}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@PathParam("token") String token) {
        if (token == null || !token.matches("hin_[0-9A-Za-z]{32}")) {
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
