package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.ProviderEvent;

/** PayPal's CUSTOMER.DISPUTE.* webhooks (Disputes API v1 resources) in Stripe's dispute statuses. */
class PayPalDisputeEventsTest {

    private final ObjectMapper m = new ObjectMapper();

    private ProviderEvent event(String type, String status, String stage, String outcome) throws Exception {
        return PayPalWebhooks.toEvent(m.readTree("""
                {"id":"WH-%s","event_type":"%s","resource":{"dispute_id":"PP-D-4567","create_time":"2026-01-10T10:00:00.000Z",
                 "update_time":"2026-01-11T10:00:00.000Z","disputed_transactions":[{"seller_transaction_id":"3BC38643YC807283D",
                 "custom":"pay_abc"}],"reason":"MERCHANDISE_OR_SERVICE_NOT_RECEIVED","status":"%s",
                 "dispute_amount":{"currency_code":"USD","value":"21.50"},"dispute_life_cycle_stage":"%s",
                 "seller_response_due_date":"2026-01-25T10:00:00.000Z"%s}}""".formatted(type + status, type, status, stage,
                outcome == null ? "" : ",\"dispute_outcome\":{\"outcome_code\":\"" + outcome
                        + "\",\"amount_refunded\":{\"currency_code\":\"USD\",\"value\":\"21.50\"}}")));
    }

    @Test
    void aChargebackOpensUnderReviewAndResolvesWonOrLost() throws Exception {
        ProviderEvent created = event("CUSTOMER.DISPUTE.CREATED", "WAITING_FOR_SELLER_RESPONSE", "CHARGEBACK", null);
        assertEquals(ProviderEvent.Kind.DISPUTED, created.kind());
        // our payment id (the order's custom_id, echoed as custom), not the capture id: payments keep the order id
        assertEquals("pay_abc", created.providerReference());
        assertEquals("3BC38643YC807283D", PayPalWebhooks.disputedPayment(m.readTree(
                "{\"seller_transaction_id\":\"3BC38643YC807283D\",\"custom\":\"order-42\"}")));
        DisputeDetails d = created.dispute();
        assertEquals("PP-D-4567", d.id());
        assertEquals(DisputeDetails.NEEDS_RESPONSE, d.status());
        assertEquals("merchandise_or_service_not_received", d.reason());
        assertEquals(2150L, d.amount());
        assertEquals("USD", d.currency());
        assertEquals(Instant.parse("2026-01-25T10:00:00Z"), d.evidenceDueBy());

        assertEquals(DisputeDetails.UNDER_REVIEW,
                event("CUSTOMER.DISPUTE.UPDATED", "UNDER_REVIEW", "CHARGEBACK", null).dispute().status());
        assertEquals(DisputeDetails.WON,
                event("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED", "CHARGEBACK", "RESOLVED_SELLER_FAVOUR").dispute().status());
        DisputeDetails lost = event("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED", "CHARGEBACK", "RESOLVED_BUYER_FAVOUR").dispute();
        assertEquals(DisputeDetails.LOST, lost.status());
        assertEquals(2150L, lost.fundsWithdrawn());
        assertEquals(DisputeDetails.LOST,
                event("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED", "CHARGEBACK", "ACCEPTED").dispute().status());
    }

    @Test
    void anInquiryIsAWarningAndAnUnknownStatusReportsNone() throws Exception {
        assertEquals(DisputeDetails.WARNING_NEEDS_RESPONSE,
                event("CUSTOMER.DISPUTE.CREATED", "OPEN", "INQUIRY", null).dispute().status());
        assertEquals(DisputeDetails.WARNING_UNDER_REVIEW,
                event("CUSTOMER.DISPUTE.UPDATED", "WAITING_FOR_BUYER_RESPONSE", "INQUIRY", null).dispute().status());
        assertEquals(DisputeDetails.WARNING_CLOSED,
                event("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED", "INQUIRY", "CANCELED_BY_BUYER").dispute().status());
        assertNull(event("CUSTOMER.DISPUTE.UPDATED", "OTHER", "CHARGEBACK", null).dispute().status());
    }
}
