package dev.payrail.webhook.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.support.Bodies;
import dev.payrail.support.Db;
import dev.payrail.support.Providers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dispute lifecycle of providers whose webhooks are verified elsewhere (PayPal, Braintree):
 * their translated events, stored and applied as the webhook service does, create one dispute per
 * provider dispute id, move the payment, survive the sweeper (the dispute is stored with the event)
 * and reach the merchant as {@code dispute.*} events.
 */
@QuarkusTest
class ProviderDisputeLifecycleTest {

    @Inject
    InboundWebhookService service;
    @Inject
    ProviderEventStore events;

    private Providers.Merchant last;

    /** A captured payment, re-labelled as made at {@code provider} under {@code reference}. */
    private String[] payment(String provider, String reference, String capture) {
        Providers.Merchant m = Providers.routingTo("simulator");
        last = m;
        String id = m.api().body(Bodies.cardPayment(3000, "USD", "4242424242424242", capture)).post("/api/v1/payments")
                .then().statusCode(201).extract().path("id");
        Db.update("UPDATE payments SET provider = ?, provider_reference = ? WHERE id = ?", provider, reference, id);
        return new String[] { m.id(), id };
    }

    private String deliver(String provider, String type, String reference, DisputeDetails d) {
        ProviderEvent e = ProviderEvent.dispute("evt_" + System.nanoTime(), type, reference, d);
        EventAccount platform = EventAccount.platform();
        boolean inserted = events.insert(provider, platform, e, Instant.now()).await().indefinitely();
        assertEquals(true, inserted);
        return service.process(provider, platform, e).await().indefinitely();
    }

    private static String status(String paymentId) {
        return (String) Db.one("SELECT status FROM payments WHERE id = ?", paymentId).get("status");
    }

    private static Map<String, Object> dispute(String paymentId) {
        List<Map<String, Object>> rows = Db.query("SELECT * FROM disputes WHERE payment_id = ?", paymentId);
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }

    private static DisputeDetails d(String id, String status, Long withdrawn, Long reinstated) {
        return new DisputeDetails(id, status, "fraud", 3000L, "USD", Instant.parse("2030-01-24T23:59:59Z"), withdrawn,
                reinstated);
    }

    @Test
    void aBraintreeChargebackOpensUnderReviewAndIsWonBackToCaptured() {
        String ref = "bt_tx_" + Long.toString(System.nanoTime(), 36);
        String[] p = payment("braintree", ref, "automatic");
        String id = "bt_d_" + Long.toString(System.nanoTime(), 36);
        assertEquals("applied", deliver("braintree", "dispute_opened", ref, d(id, "needs_response", 3000L, null)));
        assertEquals("disputed", status(p[1]));
        assertEquals("applied", deliver("braintree", "dispute_disputed", ref, d(id, "under_review", null, null)));
        assertEquals("applied", deliver("braintree", "dispute_won", ref, d(id, "won", 3000L, 3000L)));
        Map<String, Object> row = dispute(p[1]);
        assertEquals("won", row.get("status"));
        assertEquals(3000L, ((Number) row.get("funds_withdrawn")).longValue());
        assertEquals(3000L, ((Number) row.get("funds_reinstated")).longValue());
        assertEquals(p[0], row.get("merchant_id"));
        assertEquals("captured", status(p[1]));
        assertEquals(List.of("dispute.created", "dispute.updated", "dispute.closed"),
                Db.query("SELECT type FROM events WHERE object_id = ? ORDER BY created_at", row.get("id")).stream()
                        .map(r -> r.get("type")).toList());
    }

    @Test
    void evidenceForAProviderWithoutADisputesApiIsStoredButNotSubmittedAndAcceptIsNotSupported() {
        String ref = "bt_tx_" + Long.toString(System.nanoTime(), 36);
        String[] p = payment("braintree", ref, "automatic");
        deliver("braintree", "dispute_opened", ref, d("bt_d_" + System.nanoTime(), "needs_response", 3000L, null));
        String id = (String) dispute(p[1]).get("id");
        last.api().body("{\"evidence\":{\"product_description\":\"Two tickets\"}}").post("/api/v1/disputes/" + id + "/evidence")
                .then().statusCode(200).body("evidence.product_description", org.hamcrest.Matchers.equalTo("Two tickets"))
                .body("status", org.hamcrest.Matchers.equalTo("needs_response"));
        last.api().body("{\"evidence\":{\"customer_name\":\"Jo\"},\"submit\":true}").post("/api/v1/disputes/" + id + "/evidence")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("OPERATION_NOT_SUPPORTED"))
                .body("detail", org.hamcrest.Matchers.containsString("Braintree Control Panel"));
        last.api().post("/api/v1/disputes/" + id + "/accept").then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("OPERATION_NOT_SUPPORTED"));
        assertEquals("needs_response", dispute(p[1]).get("status"));
    }

    @Test
    void aDisputeEventWithoutADisputeIdStillDisputesThePayment() {
        String ref = "bt_tx_" + Long.toString(System.nanoTime(), 36);
        String[] p = payment("braintree", ref, "automatic");
        ProviderEvent e = new ProviderEvent("evt_" + System.nanoTime(), "dispute_opened", ref, ProviderEvent.Kind.DISPUTED,
                null, null, new DisputeDetails(null, null, null, null, null, null, null, null));
        events.insert("braintree", EventAccount.platform(), e, Instant.now()).await().indefinitely();
        assertEquals("applied", service.process("braintree", EventAccount.platform(), e).await().indefinitely());
        assertEquals("disputed", status(p[1]));
        assertEquals(0, Db.query("SELECT id FROM disputes WHERE payment_id = ?", p[1]).size());
    }

    @Test
    void aPayPalDisputeNamingOurPaymentIdFindsThePaymentKeptUnderItsOrderIdOfThisProviderOnly() {
        String orderId = "PP-ORDER-" + Long.toString(System.nanoTime(), 36);
        String[] p = payment("paypal", orderId, "automatic");
        String id = "PP-D-" + Long.toString(System.nanoTime(), 36);
        assertEquals("applied", deliver("paypal", "CUSTOMER.DISPUTE.CREATED", p[1], d(id, "needs_response", null, null)));
        assertEquals("needs_response", dispute(p[1]).get("status"));
        assertEquals("disputed", status(p[1]));
        // the same id in another provider's event names nothing
        String[] other = payment("paypal", "PP-ORDER-X" + System.nanoTime(), "automatic");
        assertEquals("unmatched", deliver("braintree", "dispute_opened", other[1],
                d("BT-D-" + System.nanoTime(), "needs_response", null, null)));
        assertEquals("captured", status(other[1]));
    }

    @Test
    void aPayPalDisputeResolvedBeforeItsCreationIsOneLostDisputeAndTheRefundedPaymentStaysDisputed() {
        String ref = "PP-CAP-" + Long.toString(System.nanoTime(), 36);
        String[] p = payment("paypal", ref, "automatic");
        Db.update("UPDATE payments SET status = 'refunded', amount_refunded = amount WHERE id = ?", p[1]);
        String id = "PP-D-" + Long.toString(System.nanoTime(), 36);
        assertEquals("applied", deliver("paypal", "CUSTOMER.DISPUTE.RESOLVED", ref, d(id, "lost", 3000L, null)));
        assertEquals("ignored", deliver("paypal", "CUSTOMER.DISPUTE.CREATED", ref, d(id, "needs_response", null, null)));
        Map<String, Object> row = dispute(p[1]);
        assertEquals("lost", row.get("status"));
        assertEquals("refunded", row.get("payment_status_before"));
        assertEquals("disputed", status(p[1]));
    }

    @Test
    void aPayPalInquiryClosedReturnsTheRefundedPaymentAndTheSweeperReappliesAStoredDisputeEvent() {
        String ref = "PP-CAP-" + Long.toString(System.nanoTime(), 36);
        String[] p = payment("paypal", ref, "automatic");
        Db.update("UPDATE payments SET status = 'refunded', amount_refunded = amount WHERE id = ?", p[1]);
        // A provider's id with a card-number-like digit run is the provider's text: it survives the sweeper.
        String id = "PP-I-" + Long.toString(System.nanoTime(), 36) + "-4242424242424242";
        assertEquals("applied", deliver("paypal", "CUSTOMER.DISPUTE.CREATED", ref, d(id, "warning_needs_response", null, null)));
        assertEquals("disputed", status(p[1]));

        // Stored but not applied (as after a crash): the sweeper's copy carries the whole dispute.
        ProviderEvent closed = ProviderEvent.dispute("evt_sweep_" + System.nanoTime(), "CUSTOMER.DISPUTE.RESOLVED", ref,
                d(id, "warning_closed", null, null));
        events.insert("paypal", EventAccount.platform(), closed, Instant.now()).await().indefinitely();
        Db.update("UPDATE provider_events SET retry_at = now() - interval '1 second' WHERE event_id = ?", closed.eventId());
        ProviderEventStore.Unprocessed claimed = events.claimUnprocessed(500, 30).await().indefinitely().stream()
                .filter(u -> u.event().eventId().equals(closed.eventId())).findFirst().orElseThrow();
        assertEquals(closed.dispute(), claimed.event().dispute());
        assertEquals("applied", service.process("paypal", claimed.account(), claimed.event()).await().indefinitely());
        assertEquals("warning_closed", dispute(p[1]).get("status"));
        assertEquals("refunded", status(p[1]));
    }
}
