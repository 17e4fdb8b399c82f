package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The status query tells the stage of a PayPal payment from the order PayPal returns (its
 * authorizations and captures), over HTTP against the emulator: authorized, captured and how much,
 * voided.
 */
@QuarkusTest
class PayPalStageTest {

    @Inject
    PayPalConnector connector;

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ConnectorResult status(String paymentId, String orderId) {
        return connector.status(new ConnectorRequests.Status(paymentId, orderId, 5000, "USD")).await().atMost(WAIT);
    }

    private String authorized(String paymentId) {
        ConnectorResult r = connector.authorize(PayPalReconciliationTest.card(paymentId, "4242424242424242", false))
                .await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, r.outcome());
        return r.providerReference();
    }

    @Test
    void anAuthorizationIsAuthorizedThenCapturedWithTheCapturedAmount() {
        String paymentId = Ids.newId("pay_");
        String order = authorized(paymentId);
        assertEquals(PaymentStage.AUTHORIZED, status(paymentId, order).stage());

        ConnectorResult capture = connector.capture(new ConnectorRequests.Capture(paymentId, order, Ids.newId("att_"), 3000,
                "USD", true, "mer_test")).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, capture.outcome());
        ConnectorResult after = status(paymentId, order);
        assertEquals(PaymentStage.CAPTURED, after.stage());
        assertEquals(3000L, after.amountCaptured());
    }

    @Test
    void aVoidedAuthorizationIsVoided() {
        String paymentId = Ids.newId("pay_");
        String order = authorized(paymentId);
        ConnectorResult voided = connector.voidAuthorization(new ConnectorRequests.Void(paymentId, order, Ids.newId("att_"),
                "mer_test")).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, voided.outcome());
        assertEquals(PaymentStage.VOIDED, status(paymentId, order).stage());
    }
}
