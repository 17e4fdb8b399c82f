package dev.payrail.connector.braintree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.ProviderEvent;

/** Braintree's dispute_* webhook notifications in Stripe's dispute statuses. */
class BraintreeDisputeEventsTest {

    private static ProviderEvent event(String kind, String status, String disputeKind) {
        String xml = """
                <notification><kind>%s</kind><timestamp type="datetime">2026-01-10T10:00:00Z</timestamp><subject>
                <dispute><id>bt_dispute_7</id><kind>%s</kind>%s<reason>fraud</reason>
                <amount-disputed>30.00</amount-disputed><currency-iso-code>USD</currency-iso-code>
                <reply-by-date type="date">2026-01-24</reply-by-date>
                <transaction><id>tx_9f8e</id><amount>30.00</amount></transaction></dispute>
                </subject></notification>""".formatted(kind, disputeKind, status == null ? "" : "<status>" + status + "</status>");
        return BraintreeEvents.translate("evt-" + kind, BraintreeXml.parse(xml), BraintreeConnector.UNITS);
    }

    @Test
    void aChargebackOpensAndIsWonOrLost() {
        ProviderEvent opened = event("dispute_opened", "open", "chargeback");
        assertEquals(ProviderEvent.Kind.DISPUTED, opened.kind());
        assertEquals("tx_9f8e", opened.providerReference());
        DisputeDetails d = opened.dispute();
        assertEquals("bt_dispute_7", d.id());
        assertEquals(DisputeDetails.NEEDS_RESPONSE, d.status());
        assertEquals("fraud", d.reason());
        assertEquals(3000L, d.amount());
        assertEquals(3000L, d.fundsWithdrawn());
        assertEquals(Instant.parse("2026-01-24T23:59:59Z"), d.evidenceDueBy());

        assertEquals(DisputeDetails.UNDER_REVIEW, event("dispute_disputed", "disputed", "chargeback").dispute().status());
        DisputeDetails won = event("dispute_won", "won", "chargeback").dispute();
        assertEquals(DisputeDetails.WON, won.status());
        assertEquals(3000L, won.fundsReinstated());
        assertEquals(DisputeDetails.LOST, event("dispute_lost", "lost", "chargeback").dispute().status());
        assertEquals(DisputeDetails.LOST, event("dispute_accepted", "accepted", "chargeback").dispute().status());
        assertEquals(DisputeDetails.LOST, event("dispute_expired", null, "chargeback").dispute().status(),
                "without a status the notification kind says it");
    }

    @Test
    void aRetrievalIsAnInquiry() {
        DisputeDetails d = event("dispute_opened", "open", "retrieval").dispute();
        assertEquals(DisputeDetails.WARNING_NEEDS_RESPONSE, d.status());
        assertNull(d.fundsWithdrawn());
        assertEquals(DisputeDetails.WARNING_CLOSED, event("dispute_won", "won", "retrieval").dispute().status());
    }
}
