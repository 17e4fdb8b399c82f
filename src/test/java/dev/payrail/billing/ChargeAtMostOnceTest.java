package dev.payrail.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;

/**
 * Each invoice is charged at most once: when two scheduler runs (as on two pods) work the same due
 * subscriptions and invoices at once, and when a run dies after the payment was made but before the
 * invoice was marked paid, and another run picks the invoice up again.
 */
@QuarkusTest
class ChargeAtMostOnceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    SubscriptionScheduler scheduler;
    @Inject
    SubscriptionRenewal renewal;
    @Inject
    InvoiceStore invoices;
    @Inject
    InvoiceCharger charger;
    @Inject
    BillingConfig config;
    @Inject
    SimulatorConnector simulator;

    /** A customer with a saved card and {@code n} monthly subscriptions whose billing starts at {@code anchor}. */
    private List<String> subscriptions(Providers.Merchant m, int n, Instant anchor) {
        String cus = BillingFixtures.customer(m);
        BillingFixtures.saveCard(m, cus, BillingFixtures.VISA);
        String price = BillingFixtures.price(m, BillingFixtures.product(m, "Seats"), 990, "month", 1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonPath s = BillingFixtures.subscribe(m, "{\"customer\":\"" + cus + "\",\"price\":\"" + price
                    + "\",\"quantity\":" + (i + 1) + ",\"billing_cycle_anchor\":\"" + anchor + "\"}");
            assertEquals("active", s.getString("status"));
            assertEquals(null, s.getString("latest_invoice"), "nothing is billed before the anchor");
            ids.add(s.getString("id"));
        }
        return ids;
    }

    @Test
    void twoRunsAtOnceRenewAndChargeEverySubscriptionOnce() {
        var m = BillingFixtures.merchant();
        Instant anchor = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String> subs = subscriptions(m, 8, anchor);
        Instant at = anchor.plusSeconds(5);

        List<SubscriptionScheduler.Run> runs = Uni.combine().all()
                .unis(scheduler.run(at, m.id()), scheduler.run(at, m.id()), scheduler.run(at, m.id()))
                .with(list -> list.stream().map(SubscriptionScheduler.Run.class::cast).toList()).await().atMost(WAIT);

        assertEquals(8, runs.stream().mapToInt(SubscriptionScheduler.Run::renewed).sum(), runs.toString());
        assertEquals(8, runs.stream().mapToInt(SubscriptionScheduler.Run::charged).sum(), runs.toString());
        assertEquals(8, runs.stream().mapToInt(SubscriptionScheduler.Run::paid).sum(), runs.toString());

        List<Map<String, Object>> rows = BillingFixtures.invoiceRows(m);
        assertEquals(8, rows.size());
        Set<String> perSubscription = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> in = rows.get(i);
            assertEquals("INV-%06d".formatted(i + 1), in.get("number"), "numbers without gaps or duplicates");
            assertEquals("paid", in.get("status"));
            assertEquals(1, ((Number) in.get("attempt_count")).intValue());
            assertTrue(perSubscription.add((String) in.get("subscription_id")), "one invoice per subscription");
            int quantity = subs.indexOf(in.get("subscription_id")) + 1;
            assertEquals(990L * quantity, ((Number) in.get("total")).longValue());
        }
        assertEquals(new HashSet<>(subs), perSubscription);

        List<Map<String, Object>> payments = BillingFixtures.invoicePayments(m);
        assertEquals(8, payments.size(), payments.toString());
        for (Map<String, Object> p : payments) {
            assertEquals("captured", p.get("status"));
            assertEquals(1, simulator.chargesFor((String) p.get("id")));
        }

        // Running again at the same time finds nothing to do.
        assertEquals(new SubscriptionScheduler.Run(0, 0, 0, 0), scheduler.run(at, m.id()).await().atMost(WAIT));
    }

    @Test
    void aRunThatDiesAfterThePaymentIsReplacedByOneThatFindsThatPaymentAndChargesNothingMore() {
        var m = BillingFixtures.merchant();
        Instant anchor = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String sub = subscriptions(m, 1, anchor).get(0);
        Instant at = anchor.plusSeconds(1);

        // The dying run: renews, claims the invoice, makes the payment — and never records it.
        assertTrue(renewal.renewOne(at, m.id()).await().atMost(WAIT));
        List<Invoice> claimed = invoices.claimDue(at, config.scheduler().lease(), 10, m.id()).await().atMost(WAIT);
        assertEquals(1, claimed.size());
        Invoice invoice = claimed.get(0);
        assertEquals(1, invoice.attemptCount());
        InvoiceCharger.Attempt made = charger.pay(invoice).await().atMost(WAIT);
        assertNotNull(made.payment());
        assertEquals("captured", made.payment().status().publicName());

        Map<String, Object> row = Db.one("SELECT status, attempt_in_flight FROM invoices WHERE id = ?", invoice.id());
        assertEquals("open", row.get("status"));
        assertEquals(true, row.get("attempt_in_flight"));

        // Another run within the lease leaves it alone: the dying pod may still be at work.
        assertEquals(new SubscriptionScheduler.Run(0, 0, 0, 0),
                scheduler.run(at.plusSeconds(60), m.id()).await().atMost(WAIT));

        // After the lease another run takes the same attempt again: its key finds the payment already made.
        SubscriptionScheduler.Run rerun = scheduler.run(at.plus(config.scheduler().lease()).plusSeconds(1), m.id())
                .await().atMost(WAIT);
        assertEquals(new SubscriptionScheduler.Run(0, 1, 1, 0), rerun);

        JsonPath paid = BillingFixtures.get(m, "/api/v1/invoices/" + invoice.id());
        assertEquals("paid", paid.getString("status"));
        assertEquals(1, paid.getInt("attempt_count"));
        assertEquals(made.payment().id(), paid.getString("payment"));
        assertEquals(990, paid.getInt("amount_paid"));

        List<Map<String, Object>> payments = BillingFixtures.invoicePayments(m);
        assertEquals(1, payments.size(), payments.toString());
        assertEquals("invoice:" + invoice.id() + ":attempt:1", payments.get(0).get("idempotency_key"));
        assertEquals(1, simulator.chargesFor(made.payment().id()));
        assertEquals("active", BillingFixtures.get(m, "/api/v1/subscriptions/" + sub).getString("status"));

        // Recording the dead run's outcome late changes nothing: that attempt is recorded already.
        assertEquals(InvoiceCharger.Result.NOT_RECORDED, charger.record(invoice, made, at.plusSeconds(700))
                .await().atMost(WAIT));
        assertEquals(1, BillingFixtures.eventTypes(m).stream().filter("invoice.paid"::equals).count());
    }

    @Test
    void aChargeHeldForReviewStaysInFlightUntilTheMerchantApprovesThenTheSameAttemptPaysTheInvoice() {
        var m = BillingFixtures.merchant();
        String cus = BillingFixtures.customer(m);
        BillingFixtures.saveCard(m, cus, BillingFixtures.VISA);
        // A second payment of the customer within the hour is held for review.
        m.api().body("{\"review_threshold\":1,\"customer_velocity\":{\"limit\":1,\"window_seconds\":3600,\"points\":10}}")
                .put("/api/v1/merchant/risk_settings").then().statusCode(200);
        String price = BillingFixtures.price(m, BillingFixtures.product(m, "Reviewed"), 1200, "month", 1);

        JsonPath sub = BillingFixtures.subscribe(m, "{\"customer\":\"" + cus + "\",\"price\":\"" + price + "\"}");
        assertEquals("active", sub.getString("status"));
        String invoiceId = sub.getString("latest_invoice");
        JsonPath open = BillingFixtures.get(m, "/api/v1/invoices/" + invoiceId);
        assertEquals("open", open.getString("status"));
        String paymentId = open.getString("payment");
        assertEquals("authorized", BillingFixtures.get(m, "/api/v1/payments/" + paymentId).getString("status"));
        assertEquals(true, Db.one("SELECT attempt_in_flight FROM invoices WHERE id = ?", invoiceId).get("attempt_in_flight"));
        // A charge under way cannot be voided.
        m.api().post("/api/v1/invoices/" + invoiceId + "/void").then().statusCode(409);

        m.api().post("/api/v1/payments/" + paymentId + "/capture").then().statusCode(200);
        Instant created = Instant.parse(open.getString("created_at"));
        SubscriptionScheduler.Run recheck = scheduler.run(created.plus(config.scheduler().pendingRecheck()).plusSeconds(1),
                m.id()).await().atMost(WAIT);
        assertEquals(new SubscriptionScheduler.Run(0, 1, 1, 0), recheck);
        JsonPath paid = BillingFixtures.get(m, "/api/v1/invoices/" + invoiceId);
        assertEquals("paid", paid.getString("status"));
        assertEquals(paymentId, paid.getString("payment"));
        assertEquals(1, paid.getInt("attempt_count"));
        assertEquals(1, BillingFixtures.invoicePayments(m).size());
        assertEquals(1, simulator.chargesFor(paymentId));
    }
}
