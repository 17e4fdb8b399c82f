package dev.payrail.dashboard.page;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.WithFormRead;

import dev.payrail.checkout.TestModeValues;
import dev.payrail.common.ApiException;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.cockpit.CockpitSimulations;
import dev.payrail.payment.CreatePaymentRequest;
import dev.payrail.payment.PaymentOrchestrator;
import dev.payrail.payment.PaymentStatus;
import dev.payrail.payment.PaymentStore;
import dev.payrail.webhook.WebhookTestEvents;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The test-mode cockpit, for test-mode merchants only ({@link CurrentUser#testMode()}; otherwise 404):
 * the magic cards and VPAs of the sandbox providers, and simulations against the sandbox — a declined
 * test payment through the API's {@link PaymentOrchestrator}; a dispute opened by the simulator's card
 * network on a captured simulator payment (its signed {@code dispute.created} webhook makes the payment
 * disputed and tells the merchant); and a webhook failure (a {@code webhook.test} event whose first
 * attempt goes to a sandbox receiver answering 500, then retried to the merchant's endpoint). The values
 * and the simulations come from {@link TestModeValues} and {@link CockpitSimulations} beans, which only the
 * sandbox sources provide (src/sandbox/java, not in the production jar): without them the page says they
 * are not available and every simulation answers 404.
 */
@Path("/dashboard/test-mode")
@Produces(MediaType.TEXT_HTML)
public class TestModePage {

    /** A payment the cockpit can dispute. */
    public record Disputable(String id, long amount, String currency, String createdAt) {

        public String display() {
            return dev.payrail.money.Currencies.formatMajor(amount, currency) + " " + currency;
        }
    }

    /** What a simulation did, for the page's notice. */
    public record Outcome(String kind, String paymentId, String paymentStatus, String disputeId) {
    }

    private final Template cockpit;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final Instance<TestModeValues> values;
    private final Instance<CockpitSimulations> sandbox;
    private final PaymentOrchestrator payments;
    private final PaymentStore store;
    private final WebhookTestEvents tests;
    private final Pool pool;

    TestModePage(@Location("dashboard/test-mode.html") Template cockpit, DashboardPages pages, CurrentUser me,
            Instance<TestModeValues> values, Instance<CockpitSimulations> sandbox, PaymentOrchestrator payments,
            PaymentStore store, WebhookTestEvents tests, Pool pool) {
        this.cockpit = cockpit;
        this.pages = pages;
        this.me = me;
        this.values = values;
        this.sandbox = sandbox;
        this.payments = payments;
        this.store = store;
        this.tests = tests;
        this.pool = pool;
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
                .chain(c -> render(200, new Outcome("decline", c.payment().id(), c.payment().status().publicName(), null),
                        null));
    }

    /**
     * Opens a dispute at the sandbox provider on a captured payment of this merchant, through the
     * simulator's dispute desk: Payrail receives the provider's signed event as from a real network.
     */
    @POST
    @Path("/dispute")
    @Requires(Permission.CREATE_ORDERS)
    public Uni<Response> dispute(@RestForm("payment_id") String paymentId) {
        if (!me.testMode() || !sandbox.isResolvable()) {
            return render(404, null, null);
        }
        String id = paymentId == null ? "" : paymentId.strip();
        if (!id.matches("pay_[A-Za-z0-9]{1,60}")) {
            return render(400, null, "Give the id of a captured test payment (pay_…).");
        }
        CockpitSimulations cockpit = sandbox.get();
        return store.find(me.merchantId(), id).chain(p -> {
            if (p == null) {
                return render(404, null, "No payment " + id + " of this merchant.");
            }
            long disputable = p.amountCaptured() - p.amountRefunded();
            boolean captured = p.status() == PaymentStatus.CAPTURED || p.status() == PaymentStatus.PARTIALLY_REFUNDED;
            if (!captured || disputable <= 0 || !cockpit.opensDisputes(p.provider()) || p.providerReference() == null) {
                return render(400, null, "Only a captured payment of the simulator can be disputed here (this one is "
                        + p.status().publicName() + " at " + p.provider() + ").");
            }
            return cockpit.openDispute(p.provider(), p.providerReference(), disputable, "fraudulent")
                    .call(d -> me.audit("dashboard.test_dispute_simulated", id, "dispute " + d.providerDisputeId()
                            + " at " + p.provider() + ", event " + d.received()))
                    .chain(d -> store.find(me.merchantId(), id).chain(after -> render(200,
                            new Outcome("dispute", id, after.status().publicName(), d.providerDisputeId()), null)));
        });
    }

    /**
     * A {@code webhook.test} event whose first attempt goes to the sandbox's failing receiver (a real
     * {@code 500} in the delivery log, with its answer and the next attempt scheduled); the retries go
     * to the merchant's endpoint. Needs an enabled endpoint, as every event does.
     */
    @POST
    @Path("/webhook-failure")
    @WithFormRead
    @Requires(Permission.MANAGE_WEBHOOKS)
    public Uni<Response> webhookFailure() {
        String failing = sandbox.isResolvable() ? sandbox.get().failingWebhookUrl() : null;
        if (!me.testMode() || failing == null) {
            return render(404, null, null);
        }
        return tests.send(me.merchantId(), "test_mode_cockpit", failing)
                .call(sent -> me.audit("dashboard.test_webhook_failure_simulated", sent.eventId(),
                        "first attempt to the sandbox's failing receiver"))
                .map(sent -> Response.seeOther(URI.create("/dashboard/webhooks?done=failure_simulated&test_event="
                        + sent.eventId())).build())
                .onFailure(ApiException.class).recoverWithUni(e -> render(409, null, e.getMessage()));
    }

    private List<TestModeValues.Value> list() {
        return values.isResolvable() ? values.get().values() : List.of();
    }

    private String declinedCard() {
        return list().stream().filter(v -> "card".equals(v.method()) && "declined".equals(v.kind()))
                .map(v -> v.value().replace(" ", "")).findFirst().orElse(null);
    }

    /** The merchant's latest payments the sandbox can dispute (captured, at the simulator). */
    private Uni<List<Disputable>> disputable() {
        if (!sandbox.isResolvable() || !sandbox.get().opensDisputes("simulator") || !me.can(Permission.CREATE_ORDERS)) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("""
                SELECT id, amount_captured - amount_refunded AS amount, currency,
                       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at
                  FROM payments WHERE merchant_id = $1 AND provider = 'simulator'
                   AND status IN ('captured', 'partially_refunded') AND amount_captured > amount_refunded
                 ORDER BY created_at DESC LIMIT 10""").execute(Tuple.of(me.merchantId()))
                .map(rows -> {
                    List<Disputable> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(new Disputable(r.getString("id"), r.getLong("amount"), r.getString("currency"),
                            r.getString("at"))));
                    return out;
                });
    }

    private Uni<Response> render(int status, Outcome outcome, String error) {
        boolean available = me.testMode() && values.isResolvable();
        boolean simulations = me.testMode() && sandbox.isResolvable();
        return (me.testMode() ? disputable() : Uni.createFrom().item(List.<Disputable>of()))
                .chain(disputable -> DashboardPages.html(status, pages.page(cockpit, "Test mode")
                        .data("inTestMode", me.testMode())
                        .data("available", available)
                        .data("values", available ? list() : List.of())
                        .data("canDecline", available && declinedCard() != null && me.can(Permission.CREATE_ORDERS))
                        .data("canDispute", simulations && me.can(Permission.CREATE_ORDERS))
                        .data("disputable", disputable)
                        .data("canFailWebhook", simulations && sandbox.get().failingWebhookUrl() != null
                                && me.can(Permission.MANAGE_WEBHOOKS))
                        .data("outcome", outcome)
                        .data("error", error)));
    }
}
