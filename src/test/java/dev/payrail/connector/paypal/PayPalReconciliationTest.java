package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.card.CardNetwork;
import dev.payrail.card.ValidatedCard;
import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.sandbox.paypal.PayPalSandbox;
import dev.payrail.support.Bodies;
import io.quarkus.test.junit.QuarkusTest;

/** Lost answers: the attempt is unknown, and asking PayPal later settles it without charging twice. */
@QuarkusTest
class PayPalReconciliationTest {

    @Inject
    PayPalSandbox sandbox;

    @Inject
    PayPalConnector connector;

    static ConnectorRequests.Authorize card(String paymentId, String pan, boolean capture) {
        ValidatedCard c = new ValidatedCard(CardNetwork.VISA, pan.substring(0, 6), pan.substring(pan.length() - 4), "fp", 12,
                Bodies.EXP_YEAR, "Ada Lovelace", pan, "123");
        return new ConnectorRequests.Authorize(paymentId, "mer_test", paymentId, 5000, "USD", PaymentMethodType.CARD, c,
                null, null, capture);
    }

    @Test
    void aProcessedChargeWhoseAnswerIsLostIsUnknownThenSettledByStatus() {
        String paymentId = Ids.newId("pay_");
        sandbox.loseNextResponses(1);
        ConnectorResult first = connector.authorize(card(paymentId, "4242424242424242", true))
                .await().atMost(Duration.ofSeconds(60));
        assertEquals(Outcome.UNKNOWN, first.outcome());
        assertNull(first.providerReference());
        assertEquals(1, sandbox.capturesForReference(paymentId), "PayPal did charge");

        ConnectorResult settled = connector.status(new ConnectorRequests.Status(paymentId, null, 5000, "USD"))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(Outcome.SUCCEEDED, settled.outcome());
        assertEquals("COMPLETED", sandbox.statusOf(settled.providerReference()));
        assertEquals(1, sandbox.capturesForReference(paymentId), "the replay did not charge again");

        ConnectorResult again = connector.status(new ConnectorRequests.Status(paymentId, settled.providerReference(), 5000,
                "USD")).await().atMost(Duration.ofSeconds(30));
        assertEquals(Outcome.SUCCEEDED, again.outcome());
    }

    @Test
    void aCreateThatNeverReachedPayPalIsReportedNotSentByStatus() {
        String paymentId = Ids.newId("pay_");
        ConnectorResult status = connector.status(new ConnectorRequests.Status(paymentId, null, 5000, "USD"))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(Outcome.NOT_SENT, status.outcome());
        assertEquals(0, sandbox.capturesForReference(paymentId));
    }

    @Test
    void statusOfAnApprovedOrderCompletesItOnce() {
        String paymentId = Ids.newId("pay_");
        ConnectorResult action = connector.authorize(card(paymentId, "4000002500003155", false))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(Outcome.REQUIRES_ACTION, action.outcome());
        String orderId = action.providerReference();
        ConnectorResult waiting = connector.status(new ConnectorRequests.Status(paymentId, orderId, 5000, "USD"))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(Outcome.REQUIRES_ACTION, waiting.outcome());

        io.restassured.RestAssured.given().redirects().follow(false).formParam("token", orderId)
                .formParam("decision", "approve").post("/sandbox/paypal/checkoutnow/decision").then().statusCode(303);
        for (int i = 0; i < 2; i++) {
            ConnectorResult done = connector.status(new ConnectorRequests.Status(paymentId, orderId, 5000, "USD"))
                    .await().atMost(Duration.ofSeconds(30));
            assertEquals(Outcome.SUCCEEDED, done.outcome());
        }
        assertEquals(1, sandbox.paymentsOf(orderId).size(), "one authorization");
        assertEquals("CREATED", sandbox.statusOf(sandbox.paymentsOf(orderId).get(0)));
    }
}
