package dev.payrail.dispute;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.DisputeDetails;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentStore;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two reports of one dispute race: the one that took its time first can be written second. The
 * merchant's events still read in the order the dispute changed: {@code dispute.created} first.
 */
@QuarkusTest
class DisputeEventOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    DisputeStore disputes;

    @Inject
    PaymentStore payments;

    @Test
    void aReportWrittenSecondSortsAfterTheDisputeItChangesEvenWhenItsClockWasEarlier() {
        Providers.Merchant m = Providers.routingTo("stripe");
        String paymentId = m.api().body(Bodies.cardPayment(2500, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).body("status", equalTo("captured")).extract().path("id");
        Payment p = payments.find(m.id(), paymentId).await().atMost(WAIT);
        String du = "du_order_" + Long.toString(System.nanoTime(), 36);
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant earlier = createdAt.minusSeconds(1);

        DisputeStore.Recorded created = disputes.record("stripe", "acct_order", p,
                new DisputeDetails(du, "needs_response", "fraudulent", 2500L, "USD", null, 0L, 0L), createdAt)
                .await().atMost(WAIT);
        DisputeStore.Recorded withdrawn = disputes.record("stripe", "acct_order", p,
                new DisputeDetails(du, "needs_response", null, null, null, null, 2500L, 0L), earlier)
                .await().atMost(WAIT);

        assertTrue(withdrawn.changed());
        assertEquals(created.dispute().id(), withdrawn.dispute().id());
        assertTrue(withdrawn.dispute().updatedAt().isAfter(createdAt), withdrawn.dispute().updatedAt().toString());
        List<Map<String, Object>> events = Db.query(
                "SELECT type, created_at FROM events WHERE merchant_id = ? AND object_id = ? ORDER BY created_at, id",
                m.id(), created.dispute().id());
        assertEquals(List.of("dispute.created", "dispute.updated"), events.stream().map(r -> r.get("type")).toList());
        assertTrue(((java.sql.Timestamp) events.get(1).get("created_at")).toInstant().isAfter(createdAt));
    }
}
