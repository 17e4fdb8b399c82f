package dev.payrail.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A monthly subscription over a simulated year: a 14-day trial, twelve monthly invoices charged
 * off-session to the saved card, one charge declined (the customer's default card then declines) and
 * retried a day later after the customer switched back to a good card, and a cancellation at the
 * period end. The scheduler is run directly at simulated times.
 */
@QuarkusTest
class SubscriptionLifecycleTest {

    @Inject
    SubscriptionScheduler scheduler;
    @Inject
    SimulatorConnector simulator;

    private SubscriptionScheduler.Run run(Providers.Merchant m, Instant at) {
        return scheduler.run(at, m.id()).await().atMost(Duration.ofSeconds(60));
    }

    @Test
    void aMonthlySubscriptionWithATrialAFailedAndRetriedChargeAndACancellationAtPeriodEnd() {
        var m = BillingFixtures.merchant();
        String cus = BillingFixtures.customer(m);
        String good = BillingFixtures.saveCard(m, cus, BillingFixtures.VISA);
        String bad = BillingFixtures.saveCard(m, cus, BillingFixtures.DECLINES_AFTER_SAVE);
        BillingFixtures.setDefault(m, cus, good);
        String product = BillingFixtures.product(m, "Pro plan");
        String price = BillingFixtures.price(m, product, 1500, "month", 1);

        JsonPath sub = BillingFixtures.subscribe(m, "{\"customer\":\"" + cus + "\",\"price\":\"" + price
                + "\",\"trial_period_days\":14,\"metadata\":{\"plan\":\"pro\"}}");
        String id = sub.getString("id");
        assertEquals("trialing", sub.getString("status"));
        assertNull(sub.getString("latest_invoice"), "no invoice during the trial");
        Instant created = Instant.parse(sub.getString("created_at"));
        Instant anchor = Instant.parse(sub.getString("trial_end"));
        assertEquals(created.plus(Duration.ofDays(14)), anchor);
        assertEquals(anchor, Instant.parse(sub.getString("billing_cycle_anchor")));
        assertEquals(anchor, Instant.parse(sub.getString("current_period_end")));

        // During the trial nothing happens.
        assertEquals(new SubscriptionScheduler.Run(0, 0, 0, 0), run(m, anchor.minusSeconds(1)));
        assertEquals(0, BillingFixtures.invoiceRows(m).size());

        List<Instant> starts = new ArrayList<>();
        for (int k = 0; k <= 12; k++) {
            starts.add(anchor.atZone(ZoneOffset.UTC).plusMonths(k).toInstant());
        }
        for (int k = 0; k < 12; k++) {
            if (k == 2) {
                BillingFixtures.setDefault(m, cus, bad);
            }
            SubscriptionScheduler.Run r = run(m, starts.get(k).plusSeconds(1));
            assertEquals(1, r.renewed(), "period " + k);
            assertEquals(1, r.charged(), "period " + k);
            if (k == 0) {
                assertEquals("active", BillingFixtures.get(m, "/api/v1/subscriptions/" + id).getString("status"));
            }
            if (k == 2) {
                assertEquals(1, r.failed());
                JsonPath after = BillingFixtures.get(m, "/api/v1/subscriptions/" + id);
                assertEquals("past_due", after.getString("status"));
                JsonPath open = BillingFixtures.get(m, "/api/v1/invoices/" + after.getString("latest_invoice"));
                assertEquals("open", open.getString("status"));
                assertEquals(1, open.getInt("attempt_count"));
                assertEquals(starts.get(2).plusSeconds(1).plus(Duration.ofDays(1)),
                        Instant.parse(open.getString("next_payment_attempt")), "the first retry a day later");
                assertTrue(open.getString("last_payment_error").startsWith("generic_decline"), open.prettify());
                // Before the retry is due nothing is charged; the customer switches back to the good card.
                assertEquals(0, run(m, starts.get(2).plus(Duration.ofHours(23))).charged());
                BillingFixtures.setDefault(m, cus, good);
                SubscriptionScheduler.Run retry = run(m, starts.get(2).plus(Duration.ofDays(1)).plusSeconds(2));
                assertEquals(new SubscriptionScheduler.Run(0, 1, 1, 0), retry);
                assertEquals("active", BillingFixtures.get(m, "/api/v1/subscriptions/" + id).getString("status"));
            } else {
                assertEquals(1, r.paid(), "period " + k);
            }
            if (k == 11) {
                JsonPath canceling = m.api().body("{\"at_period_end\":true}").post("/api/v1/subscriptions/" + id + "/cancel")
                        .then().statusCode(200).extract().jsonPath();
                assertEquals("active", canceling.getString("status"));
                assertTrue(canceling.getBoolean("cancel_at_period_end"));
            }
        }

        // The period end after the cancellation: canceled, no thirteenth invoice.
        assertEquals(new SubscriptionScheduler.Run(1, 0, 0, 0), run(m, starts.get(12).plusSeconds(1)));
        JsonPath ended = BillingFixtures.get(m, "/api/v1/subscriptions/" + id);
        assertEquals("canceled", ended.getString("status"));
        assertEquals(starts.get(12), Instant.parse(ended.getString("ended_at")));
        assertEquals(new SubscriptionScheduler.Run(0, 0, 0, 0), run(m, starts.get(12).plus(Duration.ofDays(40))));

        // Exactly twelve invoices, numbered without gaps, one per month, each paid 1500.
        List<Map<String, Object>> invoices = BillingFixtures.invoiceRows(m);
        assertEquals(12, invoices.size());
        for (int k = 0; k < 12; k++) {
            Map<String, Object> in = invoices.get(k);
            assertEquals("INV-%06d".formatted(k + 1), in.get("number"));
            assertEquals("paid", in.get("status"));
            assertEquals(1500L, ((Number) in.get("total")).longValue());
            assertEquals(1500L, ((Number) in.get("amount_paid")).longValue());
            assertEquals(starts.get(k), ((java.sql.Timestamp) in.get("period_start")).toInstant(), "invoice " + k);
            assertEquals(starts.get(k + 1), ((java.sql.Timestamp) in.get("period_end")).toInstant(), "invoice " + k);
            assertEquals("subscription_cycle", in.get("billing_reason"), "every invoice renews a period (the first ends the trial)");
            assertEquals(k == 2 ? 2 : 1, ((Number) in.get("attempt_count")).intValue(), "invoice " + k);
        }
        JsonPath third = BillingFixtures.get(m, "/api/v1/invoices/" + invoices.get(2).get("id"));
        assertEquals(1, third.getList("lines").size());
        assertEquals("1 × Pro plan", third.getString("lines[0].description"));
        assertEquals(1500, third.getInt("lines[0].amount"));

        // Thirteen payments: one per attempt, keyed by it; the only failure is the third invoice's first attempt.
        List<Map<String, Object>> payments = BillingFixtures.invoicePayments(m);
        assertEquals(13, payments.size());
        List<String> expectedKeys = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            String inv = (String) invoices.get(k).get("id");
            expectedKeys.add("invoice:" + inv + ":attempt:1");
            if (k == 2) {
                expectedKeys.add("invoice:" + inv + ":attempt:2");
            }
        }
        List<String> keys = new ArrayList<>(payments.stream().map(p -> (String) p.get("idempotency_key")).toList());
        Collections.sort(keys);
        Collections.sort(expectedKeys);
        assertEquals(expectedKeys, keys);
        for (Map<String, Object> p : payments) {
            boolean failedAttempt = p.get("idempotency_key").equals("invoice:" + invoices.get(2).get("id") + ":attempt:1");
            assertEquals(failedAttempt ? "failed" : "captured", p.get("status"), p.toString());
            assertEquals(failedAttempt ? bad : good, p.get("payment_method_id"));
            assertEquals(1500L, ((Number) p.get("amount")).longValue());
            assertEquals(true, p.get("off_session"));
            assertEquals(failedAttempt ? 0 : 1, simulator.chargesFor((String) p.get("id")));
        }
        for (int k = 0; k < 12; k++) {
            String paymentId = (String) invoices.get(k).get("payment_id");
            assertEquals("captured", payments.stream().filter(p -> p.get("id").equals(paymentId)).findFirst().orElseThrow()
                    .get("status"));
        }

        // The events, in the transactions of their changes.
        List<String> events = BillingFixtures.eventTypes(m);
        assertEquals(1, Collections.frequency(events, "customer.subscription.created"));
        assertEquals(12, Collections.frequency(events, "invoice.created"));
        assertEquals(12, Collections.frequency(events, "invoice.finalized"));
        assertEquals(12, Collections.frequency(events, "invoice.paid"));
        assertEquals(1, Collections.frequency(events, "invoice.payment_failed"));
        assertEquals(1, Collections.frequency(events, "customer.subscription.deleted"));
        // 12 renewals, past_due and back to active, cancel_at_period_end set.
        assertEquals(15, Collections.frequency(events, "customer.subscription.updated"));
    }
}
