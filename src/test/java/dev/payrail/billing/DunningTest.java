package dev.payrail.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A card that keeps declining: the first charge and the retries of the default schedule (1, 3 and 5
 * days after each failure) all fail, the invoice becomes uncollectible and the subscription unpaid,
 * which renews no more.
 */
@QuarkusTest
class DunningTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    SubscriptionScheduler scheduler;

    @Test
    void afterTheLastRetryTheInvoiceIsUncollectibleAndTheSubscriptionUnpaid() {
        var m = BillingFixtures.merchant();
        String cus = BillingFixtures.customer(m);
        BillingFixtures.saveCard(m, cus, BillingFixtures.DECLINES_AFTER_SAVE);
        String price = BillingFixtures.price(m, BillingFixtures.product(m, "Monthly"), 2000, "month", 1);
        JsonPath sub = BillingFixtures.subscribe(m, "{\"customer\":\"" + cus + "\",\"price\":\"" + price + "\"}");
        String id = sub.getString("id");
        String invoice = sub.getString("latest_invoice");
        assertEquals("past_due", sub.getString("status"));

        Instant failedAt = Instant.parse(BillingFixtures.get(m, "/api/v1/invoices/" + invoice).getString("next_payment_attempt"))
                .minus(Duration.ofDays(1));
        Instant at = failedAt;
        int[] waits = { 1, 3, 5 };
        for (int i = 0; i < waits.length; i++) {
            Instant due = at.plus(Duration.ofDays(waits[i]));
            assertEquals(0, scheduler.run(due.minusSeconds(1), m.id()).await().atMost(WAIT).charged(), "retry " + i);
            SubscriptionScheduler.Run r = scheduler.run(due, m.id()).await().atMost(WAIT);
            assertEquals(new SubscriptionScheduler.Run(0, 1, 0, 1), r, "retry " + i);
            at = due;
            JsonPath in = BillingFixtures.get(m, "/api/v1/invoices/" + invoice);
            assertEquals(i + 2, in.getInt("attempt_count"));
            assertEquals(i < 2 ? "open" : "uncollectible", in.getString("status"));
            assertEquals(i < 2 ? "past_due" : "unpaid",
                    BillingFixtures.get(m, "/api/v1/subscriptions/" + id).getString("status"));
        }

        // Four attempts, four declined payments, one per key.
        List<Map<String, Object>> payments = BillingFixtures.invoicePayments(m);
        assertEquals(4, payments.size());
        for (int n = 1; n <= 4; n++) {
            String key = "invoice:" + invoice + ":attempt:" + n;
            assertEquals(1, payments.stream().filter(p -> key.equals(p.get("idempotency_key"))
                    && "failed".equals(p.get("status"))).count(), key);
        }
        // An unpaid subscription is not renewed, however long it waits.
        assertEquals(new SubscriptionScheduler.Run(0, 0, 0, 0),
                scheduler.run(at.plus(Duration.ofDays(90)), m.id()).await().atMost(WAIT));
        assertEquals(1, BillingFixtures.invoiceRows(m).size());

        List<String> events = BillingFixtures.eventTypes(m);
        assertEquals(4, Collections.frequency(events, "invoice.payment_failed"));
        assertEquals(1, Collections.frequency(events, "invoice.marked_uncollectible"));
        assertEquals(0, Collections.frequency(events, "invoice.paid"));
    }
}
