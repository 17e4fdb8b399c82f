package dev.payrail.connector.airwallex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.card.CardNetwork;
import dev.payrail.card.ValidatedCard;
import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorFailures;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.connector.PaymentStage;
import dev.payrail.sandbox.airwallex.AirwallexSandbox;
import dev.payrail.support.Bodies;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Lost answers: the attempt is unknown, and asking Airwallex by merchant_order_id settles it without a second charge. */
@QuarkusTest
class AirwallexReconciliationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AirwallexSandbox sandbox;
    @Inject
    AirwallexConnector connector;
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
        breakers.resetAll();
    }

    static ConnectorRequests.Authorize card(String paymentId, String attemptId, boolean capture) {
        String pan = "4035501000000008";
        ValidatedCard c = new ValidatedCard(CardNetwork.VISA, pan.substring(0, 6), pan.substring(12), "fp", 12,
                Bodies.EXP_YEAR, "Ada Lovelace", pan, "123");
        return new ConnectorRequests.Authorize(paymentId, null, attemptId, 5000, "USD", PaymentMethodType.CARD, c, null,
                null, capture);
    }

    /** A call's result as the orchestrator sees it ({@code ConnectorCalls}): failures become outcomes. */
    static ConnectorResult asOrchestrated(io.smallrye.mutiny.Uni<ConnectorResult> call) {
        return call.onFailure().recoverWithItem(ConnectorFailures::toResult).await().atMost(WAIT);
    }

    static ConnectorRequests.Status lookup(String paymentId, String reference, String attemptId) {
        return new ConnectorRequests.Status(paymentId, reference, 5000, "USD", attemptId, null);
    }

    @Test
    void aChargeWhoseConfirmAnswerIsLostIsUnknownThenCapturedByTheOrderLookup() {
        String paymentId = Ids.newId("pay_");
        String attempt = Ids.newId("att_");
        sandbox.loseNextResponses("confirm", 1);
        ConnectorResult first = asOrchestrated(connector.authorize(card(paymentId, attempt, true)));
        assertEquals(Outcome.UNKNOWN, first.outcome());
        assertNull(first.providerReference());
        assertEquals(1, sandbox.chargesForOrder(paymentId), "Airwallex did charge");

        ConnectorResult settled = connector.status(lookup(paymentId, null, attempt)).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, settled.outcome());
        assertEquals(PaymentStage.CAPTURED, settled.stage());
        assertEquals(5000L, settled.amountCaptured());
        ConnectorResult byReference = connector.status(lookup(paymentId, settled.providerReference(), attempt))
                .await().atMost(WAIT);
        assertEquals(PaymentStage.CAPTURED, byReference.stage());
        assertEquals(1, sandbox.chargesForOrder(paymentId), "the lookup did not charge again");
    }

    @Test
    void aLostCreateAnswerIsRepeatedWithTheSameRequestIdAndChargesOnce() {
        String paymentId = Ids.newId("pay_");
        String attempt = Ids.newId("att_");
        sandbox.loseNextResponses("create", 1);
        ConnectorResult lost = asOrchestrated(connector.authorize(card(paymentId, attempt, false)));
        assertEquals(Outcome.UNKNOWN, lost.outcome());
        // The card never reached Airwallex: the reconciler's lookup finds the unconfirmed intent and cancels it.
        ConnectorResult settled = connector.status(lookup(paymentId, null, attempt)).await().atMost(WAIT);
        assertEquals(Outcome.DECLINED, settled.outcome());
        assertEquals(PaymentStage.FAILED, settled.stage());
        assertEquals("CANCELLED", sandbox.intent(settled.providerReference()).get("status"));
        assertEquals(0, sandbox.chargesForOrder(paymentId));
        // The same attempt sent again (the create's request_id replays the same intent): it cannot be charged any more.
        ConnectorResult again = connector.authorize(card(paymentId, attempt, false)).await().atMost(WAIT);
        assertEquals(settled.providerReference(), again.providerReference());
        assertEquals(0, sandbox.chargesForOrder(paymentId), "zero double charges");
    }

    @Test
    void aPaymentAirwallexNeverSawIsNoRecord() {
        ConnectorResult status = connector.status(lookup(Ids.newId("pay_"), null, Ids.newId("att_"))).await().atMost(WAIT);
        assertEquals(Outcome.NOT_SENT, status.outcome());
        assertEquals(ConnectorResult.NO_RECORD, status.errorCode());
    }

    @Test
    void aRefundWhoseAnswerIsLostIsFoundByOurRefundId() {
        String paymentId = Ids.newId("pay_");
        ConnectorResult paid = connector.authorize(card(paymentId, Ids.newId("att_"), true)).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, paid.outcome());
        String refundId = Ids.newId("ref_");
        sandbox.loseNextResponses("refund", 1);
        ConnectorResult lost = asOrchestrated(connector.refund(new ConnectorRequests.Refund(refundId, paymentId,
                paid.providerReference(), Ids.newId("att_"), 2000, "USD", null)));
        assertEquals(Outcome.UNKNOWN, lost.outcome());
        ConnectorResult found = connector.refundStatus(new ConnectorRequests.RefundStatus(refundId, paymentId,
                paid.providerReference(), null, 2000, "USD", null)).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, found.outcome(), "SETTLED when read");
        assertEquals(1, sandbox.refundsOf(paid.providerReference()), "one refund, never re-posted");
        ConnectorResult unknown = connector.refundStatus(new ConnectorRequests.RefundStatus(Ids.newId("ref_"), paymentId,
                paid.providerReference(), null, 2000, "USD", null)).await().atMost(WAIT);
        assertEquals(ConnectorResult.NO_RECORD, unknown.errorCode());
    }
}
