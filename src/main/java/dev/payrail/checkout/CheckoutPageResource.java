package dev.payrail.checkout;

import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.common.Json;
import dev.payrail.common.PublicBaseUrl;
import dev.payrail.merchant.PublishableKeys;
import dev.payrail.merchant.PublishableKeys.CheckoutMerchant;
import dev.payrail.order.OrderStore;
import dev.payrail.ratelimit.PublicRateLimited;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The hosted checkout page, {@code GET /checkout?order_id=…}, also the page inside checkout.js's
 * iframe. Server-rendered (Qute) in the customer's language; its script and styles are files of this
 * origin, so the Content-Security-Policy allows no inline script or style at all. The page carries the
 * publishable key only, never a secret.
 */
@Path("/checkout")
@Tag(name = "Checkout (public)")
@PublicRateLimited
public class CheckoutPageResource {

    private static final String THEME = "#[0-9a-fA-F]{6}";

    private final Template page;
    private final Template notFound;
    private final PublishableKeys keys;
    private final OrderStore orders;
    private final CheckoutService checkout;
    private final CheckoutConfig config;
    private final Json json;
    private final Instance<TestModeValues> testValues;

    CheckoutPageResource(Instance<TestModeValues> testValues, @Location("checkout/page.html") Template page,
            @Location("checkout/not-found.html") Template notFound, PublishableKeys keys, OrderStore orders,
            CheckoutService checkout, CheckoutConfig config, Json json) {
        this.page = page;
        this.notFound = notFound;
        this.keys = keys;
        this.orders = orders;
        this.checkout = checkout;
        this.config = config;
        this.json = json;
        this.testValues = testValues;
    }

    @Operation(summary = "The hosted checkout page",
            description = "An HTML page where the customer pays the order: order_id is required; key (the publishable "
                    + "key) is optional and must then be the order's merchant's. checkout.js adds origin (the embedding "
                    + "page's origin, used only when it is one of the merchant's allowed origins), locale (auto, en, es, "
                    + "zh, hi; else Accept-Language), theme (#rrggbb) and prefill_name/prefill_email/prefill_contact. "
                    + "Content-Security-Policy frame-ancestors lists the merchant's allowed origins.")
    @APIResponse(responseCode = "200", description = "The checkout page.",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @APIResponse(responseCode = "404", description = "No such order (an HTML page).",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "<!doctype html>...")))
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@QueryParam("order_id") String orderId, @QueryParam("key") String key,
            @QueryParam("origin") String origin, @QueryParam("locale") String locale,
            @QueryParam("theme") String theme, @QueryParam("prefill_name") String prefillName,
            @QueryParam("prefill_email") String prefillEmail, @QueryParam("prefill_contact") String prefillContact,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        CheckoutLocale.Choice lang = CheckoutLocale.choose(locale, acceptLanguage);
        if (orderId == null || !orderId.matches("order_[0-9A-Za-z]{14,40}")) {
            return Uni.createFrom().item(missing(lang));
        }
        Uni<CheckoutMerchant> merchant = key != null ? keys.resolve(key)
                : orders.merchantOf(orderId).chain(id -> id == null ? Uni.createFrom().nullItem() : keys.byId(id));
        return merchant.chain(m -> {
            if (m == null) {
                return Uni.createFrom().item(missing(lang));
            }
            return checkout.order(m.id(), m.name(), m.logoUrl(), m.testMode(), orderId, lang.bundle())
                    .chain(o -> render(m, o, lang, origin, theme, prefillName, prefillEmail, prefillContact))
                    .onFailure(ApiException.class).recoverWithItem(() -> missing(lang));
        });
    }

    private Uni<Response> render(CheckoutMerchant m, CheckoutOrderView o, CheckoutLocale.Choice lang, String origin,
            String theme, String prefillName, String prefillEmail, String prefillContact) {
        // The embedding page's origin is trusted only when the merchant allows it: postMessage targets it.
        String parentOrigin = AllowedOrigins.matching(m.allowedOrigins(), origin);
        String messages = json.write(CheckoutLocale.scriptMessages(lang));
        return page.instance().setLocale(lang.bundle())
                .data("lang", lang.lang())
                .data("merchantName", m.name())
                .data("logoUrl", m.logoUrl())
                .data("order", o)
                .data("card", o.methods().contains("card"))
                .data("upi", o.methods().contains("upi"))
                .data("wallets", WalletChoice.of(o.methods()))
                .data("firstWallet", !o.methods().contains("card") && !o.methods().contains("upi"))
                .data("manyMethods", o.methods().size() > 1)
                .data("noMethods", o.methods().isEmpty())
                .data("paid", "paid".equals(o.status()) && (o.latestPayment() == null
                        || !"succeeded".equals(o.latestPayment().outcome())))
                .data("testMode", m.testMode())
                .data("key", m.publishableKey())
                .data("parentOrigin", parentOrigin)
                .data("theme", theme != null && theme.matches(THEME) ? theme : "")
                .data("prefillName", clip(prefillName))
                .data("prefillEmail", clip(prefillEmail))
                .data("prefillContact", clip(prefillContact))
                .data("messages", messages)
                .data("pollMs", config.pollInterval().toMillis())
                .data("testValues", testValues())
                .createUni()
                .map(html -> Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Content-Security-Policy", csp(m.allowedOrigins(), m.testMode()))
                        .build());
    }

    private Response missing(CheckoutLocale.Choice lang) {
        String html = notFound.instance().setLocale(lang.bundle()).data("lang", lang.lang()).render();
        return Response.status(404).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", csp(List.of(), false)).build();
    }

    /**
     * Scripts, styles and connections of this origin only, no inline script or style; frames for the
     * providers' authentication pages (https, and this Payrail's own public URL for the simulator);
     * framed only by the merchant's allowed origins.
     */
    static String csp(List<String> allowedOrigins, boolean testMode) {
        String self = originOf(PublicBaseUrl.or(java.util.Optional.empty()));
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
                + "connect-src 'self'; frame-src 'self' https: " + self + "; form-action 'self'; base-uri 'none'; "
                + "frame-ancestors " + AllowedOrigins.frameAncestors(allowedOrigins);
    }

    private static String originOf(String url) {
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        return slash < 0 ? url : url.substring(0, slash);
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 100 ? s.substring(0, 100) : s;
    }

    /** The sandbox's magic values for the test-mode banner; none in the production flavour. */
    private List<TestModeValues.Value> testValues() {
        return testValues.isResolvable() ? testValues.get().values() : List.of();
    }

    @Operation(summary = "The hosted checkout page's script", description = "checkout-page.js: the page runs no inline code.")
    @APIResponse(responseCode = "200", description = "The script.",
            content = @Content(mediaType = "text/javascript", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = "(function () { ... })();")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/assets/checkout-page.js")
    public Response script() {
        return asset("checkout-page.js");
    }

    @Operation(summary = "The hosted checkout page's styles", description = "checkout.css: the page has no inline styles.")
    @APIResponse(responseCode = "200", description = "The style sheet.",
            content = @Content(mediaType = "text/css", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "example", value = ".checkout { }")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/assets/checkout.css")
    public Response styles() {
        return asset("checkout.css");
    }

    private static Response asset(String name) {
        CheckoutAssets.Asset a = CheckoutAssets.PAGE.get(name);
        return Response.ok(a.body(), a.type()).header("Cache-Control", "public, max-age=300").build();
    }
}
