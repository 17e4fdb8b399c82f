package dev.payrail.connector.razorpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;

/** Razorpay's statuses, idempotency fields and error shapes in Payrail's terms. */
class RazorpayMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static ConnectorResult payment(String status) throws Exception {
        return RazorpayMapping.payment(json("{\"id\":\"pay_1\",\"amount\":5000,\"status\":\"" + status
                + "\",\"error_reason\":\"payment_declined\"}"));
    }

    @Test
    void everyPaymentStatusIsMappedAndAnUnknownOneIsPending() throws Exception {
        assertEquals(PaymentStage.PENDING, payment("created").stageOrPending());
        assertEquals(Outcome.PENDING, payment("created").outcome());
        assertEquals(PaymentStage.AUTHORIZED, payment("authorized").stage());
        assertEquals(Outcome.SUCCEEDED, payment("authorized").outcome());
        assertEquals(PaymentStage.CAPTURED, payment("captured").stage());
        assertEquals(5000L, payment("captured").amountCaptured());
        assertEquals(PaymentStage.CAPTURED, payment("refunded").stage(), "refunded was captured first");
        assertEquals(PaymentStage.FAILED, payment("failed").stage());
        assertEquals("payment_declined", payment("failed").declineCode());
        assertEquals(PaymentStage.PENDING, payment("a_status_added_later").stageOrPending());
        assertEquals(Outcome.PENDING, payment("a_status_added_later").outcome());
    }

    @Test
    void everyRefundStatusIsMappedAndAnUnknownOneIsPending() throws Exception {
        assertEquals(Outcome.SUCCEEDED, RazorpayMapping.refund(json("{\"id\":\"rfnd_1\",\"status\":\"processed\"}")).outcome());
        assertEquals(Outcome.DECLINED, RazorpayMapping.refund(json("{\"id\":\"rfnd_1\",\"status\":\"failed\"}")).outcome());
        for (String s : new String[] { "created", "pending", "something_new" }) {
            assertEquals(Outcome.PENDING, RazorpayMapping.refund(json("{\"id\":\"rfnd_1\",\"status\":\"" + s + "\"}")).outcome(), s);
        }
    }

    @Test
    void errorsComeAsObjectsBareStringsOrMessages() throws Exception {
        assertEquals("The id provided does not exist", RazorpayMapping.description(json(
                "{\"error\":{\"code\":\"BAD_REQUEST_ERROR\",\"description\":\"The id provided does not exist\"}}")));
        assertEquals("Bad request", RazorpayMapping.description(json("\"Bad request\"")));
        assertEquals("Too many requests", RazorpayMapping.description(json("{\"message\":\"Too many requests\"}")));
        ConnectorResult refused = RazorpayMapping.refused(json(
                "{\"error\":{\"code\":\"BAD_REQUEST_ERROR\",\"description\":\"This payment has already been captured\","
                        + "\"reason\":\"input_validation_failed\"}}"), "pay_1", 400);
        assertEquals(Outcome.DECLINED, refused.outcome());
        assertEquals("bad_request_error", refused.errorCode());
        assertEquals("pay_1", refused.providerReference());
    }

    @Test
    void receiptsAndRefundKeysAreDerivedFromTheAttemptIdWithinRazorpaysRules() {
        assertEquals("att_01HZY", RazorpayConnector.receipt("att_01HZY"));
        String longId = "x".repeat(60);
        String receipt = RazorpayConnector.receipt(longId);
        assertEquals(40, receipt.length());
        assertEquals(receipt, RazorpayConnector.receipt(longId), "the same attempt, the same receipt");
        assertEquals("att_0123456789", RazorpayConnector.refundKey("att_0123456789"));
        String derived = RazorpayConnector.refundKey("att.1");
        assertTrue(derived.matches("[A-Za-z0-9_-]{10,}"), derived);
    }

    @Test
    void signaturesAreLowerCaseHexAndComparedExactly() {
        String sig = RazorpaySignature.webhook("{}".getBytes(), "secret");
        assertTrue(sig.matches("[0-9a-f]{64}"), sig);
        assertTrue(RazorpaySignature.matches(sig, "{}".getBytes(), "secret"));
        assertTrue(!RazorpaySignature.matches(sig.toUpperCase(), "{}".getBytes(), "secret"));
        assertTrue(!RazorpaySignature.matches(sig, "{}".getBytes(), ""));
    }
}
