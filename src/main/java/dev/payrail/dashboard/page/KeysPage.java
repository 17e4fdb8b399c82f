package dev.payrail.dashboard.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.WithFormRead;

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
 * API keys (admins, {@code MANAGE_KEYS}): the key id and the publishable key; rotating the API secret
 * (the new secret shown once, the old one stops working at once) and the publishable key, through
 * {@link MerchantService}, the service behind the admin API's rotation.
 */
@Path("/dashboard/keys")
@Produces(MediaType.TEXT_HTML)
public class KeysPage {

    private final Template keys;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final MerchantService merchants;

    KeysPage(@Location("dashboard/keys.html") Template keys, DashboardPages pages, CurrentUser me,
            MerchantService merchants) {
        this.keys = keys;
        this.pages = pages;
        this.me = me;
        this.merchants = merchants;
    }

    @GET
    @Requires(Permission.MANAGE_KEYS)
    public Uni<Response> page() {
        return merchants.require(me.merchantId()).map(MerchantView::of).chain(m -> render(m, null));
    }

    @POST
    @Path("/rotate-secret")
    @WithFormRead
    @Requires(Permission.MANAGE_KEYS)
    public Uni<Response> rotateSecret() {
        return merchants.rotateSecret(me.merchantId())
                .call(c -> me.audit("dashboard.api_secret_rotated", c.apiKey(), "the old secret stopped working"))
                .chain(c -> render(c.merchant(), c.apiSecret()));
    }

    @POST
    @Path("/rotate-publishable-key")
    @WithFormRead
    @Requires(Permission.MANAGE_KEYS)
    public Uni<Response> rotatePublishable() {
        return merchants.rotatePublishableKey(me.merchantId())
                .call(m -> me.audit("dashboard.publishable_key_rotated", m.apiKey(), "new " + m.publishableKey()))
                .chain(m -> render(m, null));
    }

    private Uni<Response> render(MerchantView m, String newSecret) {
        return DashboardPages.html(pages.page(keys, "API keys").data("m", m).data("newSecret", newSecret));
    }
}
