package dev.payrail.dashboard.page;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.WithFormRead;

import dev.payrail.checkout.TestModeValues;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.payment.CreatePaymentRequest;
import dev.payrail.payment.PaymentOrchestrator;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The test-mode cockpit, for test-mode merchants only ({@link CurrentUser#testMode()}; otherwise 404):
 * the magic cards and VPAs of the sandbox providers, and a button that creates a declined test payment
 * through the API's {@link PaymentOrchestrator}. The values come from a {@link TestModeValues} bean,
 * which only the sandbox sources provide (src/sandbox/java, not in the production jar): without it
 * the page says the values are not available and nothing can be simulated.
 */
@Path("/dashboard/test-mode")
@Produces(MediaType.TEXT_HTML)
public class TestModePage {

    private final Template cockpit;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final Instance<TestModeValues> values;
    private final PaymentOrchestrator payments;

    TestModePage(@Location("dashboard/test-mode.html") Template cockpit, DashboardPages pages, CurrentUser me,
            Instance<TestModeValues> values, PaymentOrchestrator payments) {
        this.cockpit = cockpit;
        this.pages = pages;
        this.me = me;
        this.values = values;
        this.payments = payments;
    }

    @GET
    @Requires(Permission.READ)
    public Uni<Response> page() {
        return render(me.testMode() ? 200 : 404, null, null);
    }

    /** A card payment with the sandbox's declined magic card, as POST /api/v1/payments would make it. */
    @POST
    @Path("/decline")
    @WithFormRead
    @Requires(Permission.CREATE_ORDERS)
    public Uni<Response> decline() {
        String pan = declinedCard();
        if (!me.testMode() || pan == null) {
            return render(404, null, null);
        }
        int year = java.time.Year.now().getValue() + 3;
        CreatePaymentRequest request = new CreatePaymentRequest(null, 1500L, "EUR", "card",
                new CreatePaymentRequest.CardInput(pan, 12, year, "123", "Test Decline"), null, null, null, "automatic",
                null, java.util.Map.of("source", "dashboard_test_mode"), null, null, null, null, null);
        String key = "dashboard-test-" + UUID.randomUUID();
        return payments.create(me.merchantId(), request, key, key, false)
                .call(c -> me.audit("dashboard.test_decline_simulated", c.payment().id(), "declined test payment"))
                .chain(c -> render(200, c.payment().id(), c.payment().status().publicName()));
    }

    private List<TestModeValues.Value> list() {
        return values.isResolvable() ? values.get().values() : List.of();
    }

    private String declinedCard() {
        return list().stream().filter(v -> "card".equals(v.method()) && "declined".equals(v.kind()))
                .map(v -> v.value().replace(" ", "")).findFirst().orElse(null);
    }

    private Uni<Response> render(int status, String paymentId, String paymentStatus) {
        boolean available = me.testMode() && values.isResolvable();
        return DashboardPages.html(status, pages.page(cockpit, "Test mode")
                .data("inTestMode", me.testMode())
                .data("available", available)
                .data("values", available ? list() : List.of())
                .data("canDecline", available && declinedCard() != null && me.can(Permission.CREATE_ORDERS))
                .data("paymentId", paymentId).data("paymentStatus", paymentStatus));
    }
}
