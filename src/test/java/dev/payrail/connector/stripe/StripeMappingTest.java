package dev.payrail.connector.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;

/**
 * The exhaustive status map, on Stripe's own sample objects (fixtures3.json from stripe/openapi,
 * copied to src/test/resources/stripe).
 */
class StripeMappingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = StripeMappingTest.class.getResourceAsStream("/stripe/" + name + ".json")) {
            return (ObjectNode) MAPPER.readTree(in);
        }
    }

    private static ConnectorResult intentWith(String status) throws IOException {
        ObjectNode pi = fixture("payment_intent");
        pi.put("status", status);
        pi.putNull("last_payment_error");
        return StripeMapping.authorization(pi);
    }

    @Test
    void theSampleIntentWithALastPaymentErrorIsADecline() throws IOException {
        ConnectorResult r = StripeMapping.authorization(fixture("payment_intent"));
        assertEquals(Outcome.DECLINED, r.outcome());
        assertEquals("pi_1PgafyB7WZ01zgkWSjxsAJo3", r.providerReference());
    }

    @Test
    void everyIntentStatus() throws IOException {
        assertEquals(Outcome.SUCCEEDED, intentWith("succeeded").outcome());
        assertEquals(Outcome.SUCCEEDED, intentWith("requires_capture").outcome());
        assertEquals(Outcome.PENDING, intentWith("processing").outcome());
        assertEquals(Outcome.PENDING, intentWith("requires_confirmation").outcome());
        assertEquals(Outcome.PENDING, intentWith("requires_payment_method").outcome(), "no error yet: not final");
        assertEquals(Outcome.DECLINED, intentWith("canceled").outcome());
        assertEquals(Outcome.PENDING, intentWith("some_status_stripe_adds_later").outcome());
        // requires_action without a redirect (use_stripe_sdk) cannot be shown to the customer: pending
        assertEquals(Outcome.PENDING, intentWith("requires_action").outcome());
        ObjectNode pi = fixture("payment_intent");
        pi.put("status", "requires_action");
        pi.set("next_action", MAPPER.readTree("{\"type\":\"redirect_to_url\",\"redirect_to_url\":{\"url\":\"https://hooks.stripe.com/3ds\"}}"));
        ConnectorResult action = StripeMapping.authorization(pi);
        assertEquals(Outcome.REQUIRES_ACTION, action.outcome());
        assertEquals("https://hooks.stripe.com/3ds", action.actionUrl());
    }

    @Test
    void declineCodesComeFromTheLastPaymentError() throws IOException {
        ObjectNode pi = fixture("payment_intent");
        pi.set("last_payment_error", MAPPER.readTree(
                "{\"type\":\"card_error\",\"code\":\"card_declined\",\"decline_code\":\"insufficient_funds\",\"message\":\"m\"}"));
        ConnectorResult r = StripeMapping.authorization(pi);
        assertEquals("card_declined", r.errorCode());
        assertEquals("insufficient_funds", r.declineCode());
        pi.set("last_payment_error", MAPPER.readTree("{\"type\":\"card_error\",\"code\":\"expired_card\"}"));
        assertEquals("expired_card", StripeMapping.authorization(pi).declineCode());
    }

    @Test
    void captureCancelAndRefundStatuses() throws IOException {
        ObjectNode pi = fixture("payment_intent");
        pi.put("status", "succeeded");
        assertEquals(Outcome.SUCCEEDED, StripeMapping.capture(pi).outcome());
        pi.put("status", "requires_capture");
        assertEquals(Outcome.PENDING, StripeMapping.capture(pi).outcome());
        pi.put("status", "canceled");
        assertEquals(Outcome.SUCCEEDED, StripeMapping.cancel(pi).outcome());

        ObjectNode refund = fixture("refund");
        assertEquals(Outcome.SUCCEEDED, StripeMapping.refund(refund).outcome());
        assertEquals("re_1Pgc72B7WZ01zgkWqPvrRrPE", StripeMapping.refund(refund).providerReference());
        refund.put("status", "pending");
        assertEquals(Outcome.PENDING, StripeMapping.refund(refund).outcome());
        refund.put("status", "requires_action");
        assertEquals(Outcome.PENDING, StripeMapping.refund(refund).outcome());
        refund.put("status", "failed");
        refund.put("failure_reason", "expired_or_canceled_card");
        ConnectorResult failed = StripeMapping.refund(refund);
        assertEquals(Outcome.DECLINED, failed.outcome());
        assertEquals("expired_or_canceled_card", failed.declineCode());
    }

    /** The stage a status query reports, for every PaymentIntent status of Stripe's API (and one it may add). */
    @Test
    void theStatusQueryTellsTheStageOfEveryIntentStatus() throws IOException {
        java.util.Map<String, dev.payrail.connector.PaymentStage> expected = java.util.Map.of(
                "requires_capture", dev.payrail.connector.PaymentStage.AUTHORIZED,
                "succeeded", dev.payrail.connector.PaymentStage.CAPTURED,
                "canceled", dev.payrail.connector.PaymentStage.VOIDED,
                "processing", dev.payrail.connector.PaymentStage.PENDING,
                "requires_action", dev.payrail.connector.PaymentStage.PENDING,
                "requires_confirmation", dev.payrail.connector.PaymentStage.PENDING,
                "requires_payment_method", dev.payrail.connector.PaymentStage.PENDING,
                "a_status_stripe_adds_later", dev.payrail.connector.PaymentStage.PENDING);
        for (var e : expected.entrySet()) {
            ObjectNode pi = fixture("payment_intent");
            pi.put("status", e.getKey());
            pi.putNull("last_payment_error");
            pi.put("amount_received", 1234);
            ConnectorResult r = StripeMapping.status(pi);
            assertEquals(e.getValue(), r.stage(), e.getKey());
            assertEquals(e.getKey().equals("succeeded") ? Long.valueOf(1234) : null, r.amountCaptured(), e.getKey());
        }
        assertEquals(dev.payrail.connector.PaymentStage.FAILED, StripeMapping.status(fixture("payment_intent")).stage(),
                "requires_payment_method after an error");
    }
}
