package dev.payrail.dashboard.page;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import dev.payrail.checkout.AllowedOrigins;
import dev.payrail.checkout.CheckoutSettingsResource;
import dev.payrail.common.ApiException;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.merchant.MerchantService;
import dev.payrail.merchant.MerchantView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * Checkout settings ({@code MANAGE_ORIGINS}): the origins allowed to embed the checkout and the logo,
 * validated exactly as {@code PUT /api/v1/merchant/checkout_settings} does ({@link AllowedOrigins#validate},
 * {@link CheckoutSettingsResource#logo}) and saved by the same {@link MerchantService#setCheckoutSettings}.
 * The theme is chosen per checkout by checkout.js ({@code theme.color}); Payrail stores none.
 */
@Path("/dashboard/checkout")
@Produces(MediaType.TEXT_HTML)
public class CheckoutSettingsPage {

    private final Template checkout;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final MerchantService merchants;

    CheckoutSettingsPage(@Location("dashboard/checkout.html") Template checkout, DashboardPages pages, CurrentUser me,
            MerchantService merchants) {
        this.checkout = checkout;
        this.pages = pages;
        this.me = me;
        this.merchants = merchants;
    }

    @GET
    @Requires(Permission.MANAGE_ORIGINS)
    public Uni<Response> page() {
        return merchants.require(me.merchantId()).map(MerchantView::of).chain(m -> render(200, m, null, false));
    }

    @POST
    @Requires(Permission.MANAGE_ORIGINS)
    public Uni<Response> save(@RestForm("allowed_origins") String origins, @RestForm("logo_url") String logoUrl) {
        List<String> list = origins == null ? List.of()
                : Arrays.stream(origins.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
        String logo = logoUrl == null || logoUrl.isBlank() ? null : logoUrl.strip();
        List<String> valid;
        try {
            valid = AllowedOrigins.validate(list, me.testMode());
            CheckoutSettingsResource.logo(logo);
        } catch (ApiException e) {
            return merchants.require(me.merchantId()).map(MerchantView::of).chain(m -> render(400, m, e.getMessage(), false));
        }
        return merchants.setCheckoutSettings(me.merchantId(), valid, logo)
                .call(m -> me.audit("dashboard.checkout_settings_changed", me.merchantId(),
                        "origins " + String.join(" ", valid) + ", logo " + (logo == null ? "none" : logo)))
                .chain(m -> render(200, m, null, true));
    }

    private Uni<Response> render(int status, MerchantView m, String error, boolean saved) {
        return DashboardPages.html(status, pages.page(checkout, "Checkout settings").data("m", m)
                .data("origins", String.join("\n", m.checkoutAllowedOrigins() == null ? List.of() : m.checkoutAllowedOrigins()))
                .data("error", error).data("saved", saved));
    }
}
