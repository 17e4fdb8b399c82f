package dev.payrail.dashboard.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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
 * Developer docs ({@code READ}): an API quick start with the merchant's key id (never a secret) and a
 * checkout.js snippet with its publishable key, in the shape of docs/checkout.md.
 */
@Path("/dashboard/developers")
@Produces(MediaType.TEXT_HTML)
public class DevelopersPage {

    private final Template developers;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final MerchantService merchants;

    DevelopersPage(@Location("dashboard/developers.html") Template developers, DashboardPages pages, CurrentUser me,
            MerchantService merchants) {
        this.developers = developers;
        this.pages = pages;
        this.me = me;
        this.merchants = merchants;
    }

    @GET
    @Requires(Permission.READ)
    public Uni<Response> page(@Context UriInfo uri) {
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        return merchants.require(me.merchantId()).map(MerchantView::of)
                .chain(m -> DashboardPages.html(pages.page(developers, "Developers").data("m", m).data("base", base)));
    }
}
