package dev.payrail.dashboard;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * Renders dashboard pages inside {@code templates/dashboard/layout.html}: every page gets {@code me}
 * (the {@link CurrentUser}), {@code csrf} (its forms' token), {@code nav} (the links the user's role may
 * follow), {@code testMode} and {@code title}.
 */
@Singleton
public class DashboardPages {

    /** A navigation link, shown to roles that have {@code permission}. Add new pages here. */
    public record Link(String href, String label, Permission permission) {
    }

    public static final List<Link> NAV = List.of(
            new Link("/dashboard", "Overview", Permission.READ),
            new Link("/dashboard/payments", "Payments", Permission.READ),
            new Link("/dashboard/orders", "Orders", Permission.READ),
            new Link("/dashboard/refunds", "Refunds", Permission.READ),
            new Link("/dashboard/webhooks", "Webhooks", Permission.READ),
            new Link("/dashboard/keys", "API keys", Permission.MANAGE_KEYS),
            new Link("/dashboard/checkout", "Checkout settings", Permission.MANAGE_ORIGINS),
            new Link("/dashboard/developers", "Developers", Permission.READ),
            new Link("/dashboard/test-mode", "Test mode", Permission.READ),
            new Link("/dashboard/team", "Team", Permission.MANAGE_USERS),
            new Link("/dashboard/audit", "Audit log", Permission.VIEW_AUDIT),
            new Link("/dashboard/account", "Account", Permission.ACCOUNT));

    /** The test-mode cockpit: linked only for test-mode merchants. */
    static final String TEST_MODE_PAGE = "/dashboard/test-mode";

    private final CurrentUser me;

    DashboardPages(CurrentUser me) {
        this.me = me;
    }

    /** {@code template} with the layout's data set; add the page's own with {@code .data(…)}. */
    public TemplateInstance page(Template template, String title) {
        boolean signedIn = me.signedIn();
        return template.instance()
                .data("title", title)
                .data("me", signedIn ? me : null)
                .data("csrf", signedIn ? me.csrf() : "")
                .data("testMode", signedIn && me.testMode())
                .data("nav", signedIn ? NAV.stream().filter(l -> me.can(l.permission())
                        || l.permission() == Permission.ACCOUNT)
                        .filter(l -> me.testMode() || !l.href().equals(TEST_MODE_PAGE)).toList() : List.of());
    }

    /** The page rendered (off the event loop is not needed: Qute renders without blocking) as a 200 HTML response. */
    public static Uni<Response> html(TemplateInstance page) {
        return html(200, page);
    }

    public static Uni<Response> html(int status, TemplateInstance page) {
        return page.createUni().map(body -> Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body).build());
    }
}
