package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Payrail's evidence fields as the input of PayPal's provide-evidence. */
class PayPalDisputeEvidenceTest {

    private final ObjectMapper m = new ObjectMapper();

    @Test
    void trackingIsProofOfFulfilmentAndTextIsNotesOfOtherEvidence() throws Exception {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("product_description", "Annual plan");
        ev.put("shipping_carrier", "Hermes Parcels");
        ev.put("shipping_tracking_number", "H123");
        JsonNode input = m.readTree(PayPalDisputeEvidence.input(ev));
        JsonNode proof = input.at("/evidences/0");
        assertEquals("PROOF_OF_FULFILLMENT", proof.path("evidence_type").asText());
        assertEquals("OTHER", proof.at("/evidence_info/tracking_info/0/carrier_name").asText());
        assertEquals("Hermes Parcels", proof.at("/evidence_info/tracking_info/0/carrier_name_other").asText());
        assertEquals("H123", proof.at("/evidence_info/tracking_info/0/tracking_number").asText());
        assertEquals("OTHER", input.at("/evidences/1/evidence_type").asText());
        assertEquals("product_description: Annual plan\nshipping_carrier: Hermes Parcels\nshipping_tracking_number: H123",
                input.at("/evidences/1/notes").asText());
        assertEquals(2, input.path("evidences").size());
        assertEquals("UPS", PayPalDisputeEvidence.carrier(" ups "));
        assertEquals("ROYAL_MAIL", PayPalDisputeEvidence.carrier("Royal Mail"));
    }

    @Test
    void longTextIsSplitIntoNotesOfAtMostTwoThousandCharactersLosingNothing() {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("uncategorized_text", "a".repeat(4500));
        ev.put("customer_name", "Jo");
        List<String> notes = PayPalDisputeEvidence.notes(ev);
        assertEquals(List.of(2000, 2000, 538), notes.stream().map(String::length).toList());
        assertEquals("uncategorized_text: " + "a".repeat(4500) + "\ncustomer_name: Jo", String.join("", notes));
    }

    @Test
    void documentsAreRefusedNamingTheFields() {
        var e = assertThrows(PayPalDisputeEvidence.NotSendable.class, () -> PayPalDisputeEvidence.input(
                Map.of("receipt", "file_1", "customer_signature", "file_2", "customer_name", "Jo")));
        assertTrue(e.getMessage().contains("customer_signature, receipt"), e.getMessage());
    }

    @Test
    void theRequestIdIsTheSameForTheSameActionAndContentOnly() {
        String a = PayPalConnector.disputeRequestId("evidence", "PP-D-1", "{}");
        assertEquals(a, PayPalConnector.disputeRequestId("evidence", "PP-D-1", "{}"));
        assertNotEquals(a, PayPalConnector.disputeRequestId("evidence", "PP-D-1", "{\"x\":1}"));
        assertNotEquals(a, PayPalConnector.disputeRequestId("accept", "PP-D-1", "{}"));
        assertTrue(a.length() <= 108, a);
    }
}
