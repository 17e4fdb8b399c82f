package dev.payrail.connector.braintree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;
import dev.payrail.connector.braintree.BraintreeXml.Node;

/** Braintree's statuses, codes, XML and signature recipe, without the network. */
class BraintreeMappingTest {

    private static Node tx(String status, String amount, String currency) {
        return BraintreeXml.parse(BraintreeXml.element("transaction").add("id", "tx1").add("status", status)
                .add("amount", amount).add("currency-iso-code", currency).add("processor-response-code", "2001")
                .add("gateway-rejection-reason", "cvv").document());
    }

    @Test
    void everyDocumentedStatusHasItsStageAndAnythingElseIsPending() {
        Map<String, Object[]> expected = new LinkedHashMap<>();
        expected.put("authorizing", new Object[] { Outcome.PENDING, PaymentStage.PENDING });
        expected.put("authorized", new Object[] { Outcome.SUCCEEDED, PaymentStage.AUTHORIZED });
        expected.put("authorization_expired", new Object[] { Outcome.DECLINED, PaymentStage.FAILED });
        expected.put("submitted_for_settlement", new Object[] { Outcome.SUCCEEDED, PaymentStage.CAPTURED });
        expected.put("settling", new Object[] { Outcome.SUCCEEDED, PaymentStage.CAPTURED });
        expected.put("settlement_pending", new Object[] { Outcome.SUCCEEDED, PaymentStage.CAPTURED });
        expected.put("settlement_confirmed", new Object[] { Outcome.SUCCEEDED, PaymentStage.CAPTURED });
        expected.put("settled", new Object[] { Outcome.SUCCEEDED, PaymentStage.CAPTURED });
        expected.put("settlement_declined", new Object[] { Outcome.DECLINED, PaymentStage.FAILED });
        expected.put("voided", new Object[] { Outcome.SUCCEEDED, PaymentStage.VOIDED });
        expected.put("processor_declined", new Object[] { Outcome.DECLINED, PaymentStage.FAILED });
        expected.put("gateway_rejected", new Object[] { Outcome.DECLINED, PaymentStage.FAILED });
        expected.put("failed", new Object[] { Outcome.DECLINED, PaymentStage.FAILED });
        expected.put("unrecognized", new Object[] { Outcome.PENDING, PaymentStage.PENDING });
        expected.put("a_status_added_later", new Object[] { Outcome.PENDING, PaymentStage.PENDING });
        assertTrue(expected.keySet().containsAll(BraintreeMapping.STATUSES), "every documented status is checked");
        expected.forEach((status, want) -> {
            ConnectorResult r = BraintreeMapping.status(tx(status, "12.34", "USD"), BraintreeConnector.UNITS, "USD");
            assertEquals(want[0], r.outcome(), status);
            assertEquals(want[1], r.stageOrPending(), status);
            if (want[1] == PaymentStage.CAPTURED) {
                assertEquals(1234L, r.amountCaptured(), status);
            }
        });
        assertEquals("insufficient_funds", BraintreeMapping.status(tx("processor_declined", "1", "USD"),
                BraintreeConnector.UNITS, "USD").declineCode());
        assertEquals("cvv", BraintreeMapping.status(tx("gateway_rejected", "1", "USD"), BraintreeConnector.UNITS, "USD")
                .declineCode());
        assertEquals(1000L, BraintreeMapping.status(tx("settled", "1000", "JPY"), BraintreeConnector.UNITS, "JPY")
                .amountCaptured(), "JPY in whole yen");
    }

    @Test
    void refundsAreProcessedOnceAcceptedAndFailedWhenDeclined() {
        for (String s : List.of("submitted_for_settlement", "settling", "settlement_pending", "settlement_confirmed", "settled")) {
            assertEquals(Outcome.SUCCEEDED, BraintreeMapping.refund(tx(s, "1.00", "USD")).outcome(), s);
        }
        for (String s : List.of("processor_declined", "gateway_rejected", "failed", "settlement_declined", "voided")) {
            assertEquals(Outcome.DECLINED, BraintreeMapping.refund(tx(s, "1.00", "USD")).outcome(), s);
        }
        for (String s : List.of("authorizing", "authorized", "unrecognized")) {
            assertEquals(Outcome.PENDING, BraintreeMapping.refund(tx(s, "1.00", "USD")).outcome(), s);
        }
    }

    @Test
    void validationErrorsBecomeOurErrorCodes() {
        Node unsettled = BraintreeXml.parse("<api-error-response><errors><errors type=\"array\"/><transaction>"
                + "<errors type=\"array\"><error><code>91506</code><attribute type=\"symbol\">base</attribute>"
                + "<message>Cannot refund transaction unless it is settled.</message></error></errors></transaction>"
                + "</errors><message>Cannot refund transaction unless it is settled.</message></api-error-response>");
        ConnectorResult r = BraintreeMapping.refused(unsettled, "tx1");
        assertEquals(Outcome.DECLINED, r.outcome());
        assertEquals("transaction_not_settled", r.errorCode());
        assertEquals("Cannot refund transaction unless it is settled. (Braintree 91506)", r.message());
        assertEquals("do_not_honor", BraintreeMapping.declineCode("2000"));
        assertEquals("processing_error", BraintreeMapping.declineCode("3000"));
        assertEquals("generic_decline", BraintreeMapping.declineCode("2999"));
    }

    @Test
    void theXmlReaderRefusesDtdsAndEntitiesAndTheWriterEscapes() {
        assertThrows(BraintreeXml.Malformed.class, () -> BraintreeXml.parse(
                "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><t>&x;</t>"));
        assertThrows(BraintreeXml.Malformed.class, () -> BraintreeXml.parse(
                "<!DOCTYPE t [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><t>&b;</t>"));
        assertThrows(BraintreeXml.Malformed.class, () -> BraintreeXml.parse("not xml"));
        String xml = BraintreeXml.element("transaction").add("order-id", "a<b&\"c'").add("cvv", null).document();
        assertFalse(xml.contains("cvv"), "absent values are left out");
        assertEquals("a<b&\"c'", BraintreeXml.parse(xml).text("order-id"));
        Node sdkStyle = BraintreeXml.parse("<search><order_id><is>o1</is></order_id><creditCard><expirationDate>12/2030"
                + "</expirationDate></creditCard><amount nil=\"true\"/></search>");
        assertEquals("o1", sdkStyle.text("order-id/is"));
        assertEquals("12/2030", sdkStyle.text("credit-card/expiration-date"));
        assertNull(sdkStyle.text("amount"));
    }

    @Test
    void theSignatureIsHmacSha1KeyedWithSha1OfThePrivateKeyAndToleratesATrailingNewline() {
        // HMAC-SHA1 of "payload" keyed with SHA1("private"), computed independently.
        String expected = BraintreeSignature.hmac("private", "payload");
        assertEquals(40, expected.length());
        assertTrue(BraintreeSignature.matches("other|00&public|" + expected, "payload", "public", "private"));
        assertTrue(BraintreeSignature.matches("public|" + BraintreeSignature.hmac("private", "payload\n"), "payload",
                "public", "private"), "signed with the trailing newline");
        assertFalse(BraintreeSignature.matches("public|" + expected, "payload2", "public", "private"));
        assertFalse(BraintreeSignature.matches("other|" + expected, "payload", "public", "private"));
        assertFalse(BraintreeSignature.matches(null, "payload", "public", "private"));
        assertEquals("pr_", BraintreeConnector.orderId("attempt with spaces").substring(0, 3));
        assertEquals("att_123", BraintreeConnector.orderId("att_123"));
    }
}
