package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.sandbox.paypal.PayPalSandbox;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What became of a PayPal refund, asked without repeating it: by PayPal's refund id
 * ({@code GET /v2/payments/refunds/{id}}), or — when PayPal's answer never reached us — among the
 * order's refunds by the {@code custom_id} the refund carried (our refund id). Against the PayPal
 * emulator over HTTP.
 */
@QuarkusTest
class PayPalRefundStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    PayPalSandbox sandbox;

    @Inject
    PayPalConnector connector;

    @Test
    void aRefundIsFoundByItsIdAndByOurIdAmongTheOrdersRefundsWithoutASecondRefund() {
        String paymentId = Ids.newId("pay_");
        ConnectorResult charged = connector.authorize(PayPalReconciliationTest.card(paymentId, "4242424242424242", true))
                .await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, charged.outcome());
        String orderId = charged.providerReference();
        String refundId = Ids.newId("rfnd_");
        ConnectorResult refunded = connector.refund(new ConnectorRequests.Refund(refundId, paymentId, orderId, refundId,
                1200, "USD", null, null)).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, refunded.outcome());
        String paypalRefund = refunded.providerReference();

        PayPalSandbox.Received post = sandbox.received().stream().filter(r -> r.path().endsWith("/refund")
                && refundId.equals(r.requestId())).findFirst().orElseThrow();
        PayPalSchemas.assertValid(PayPalSchemas.PAYMENTS, "refund_request", post.body());
        assertTrue(post.body().contains("\"custom_id\":\"" + refundId + "\""), post.body());

        ConnectorResult byOurId = connector.refundStatus(new ConnectorRequests.RefundStatus(refundId, paymentId, orderId,
                null, 1200, "USD", null)).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, byOurId.outcome());
        assertEquals(paypalRefund, byOurId.providerReference());

        ConnectorResult byPayPalId = connector.refundStatus(new ConnectorRequests.RefundStatus(refundId, paymentId, orderId,
                paypalRefund, 1200, "USD", null)).await().atMost(WAIT);
        assertEquals(Outcome.SUCCEEDED, byPayPalId.outcome());
        assertTrue(sandbox.received().stream().anyMatch(r -> r.path().equals("/v2/payments/refunds/" + paypalRefund)));

        List<PayPalSandbox.Received> posts = sandbox.received().stream()
                .filter(r -> r.path().endsWith("/refund") && refundId.equals(r.requestId())).toList();
        assertEquals(1, posts.size(), "the status queries never POSTed the refund again");
    }

    @Test
    void aRefundPayPalNeverReceivedIsNoRecord() {
        String paymentId = Ids.newId("pay_");
        ConnectorResult charged = connector.authorize(PayPalReconciliationTest.card(paymentId, "4242424242424242", true))
                .await().atMost(WAIT);
        String orderId = charged.providerReference();
        ConnectorResult byOurId = connector.refundStatus(new ConnectorRequests.RefundStatus(Ids.newId("rfnd_"), paymentId,
                orderId, null, 500, "USD", null)).await().atMost(WAIT);
        assertEquals(ConnectorResult.NO_RECORD, byOurId.errorCode());
        ConnectorResult byUnknownId = connector.refundStatus(new ConnectorRequests.RefundStatus(Ids.newId("rfnd_"),
                paymentId, orderId, "0UNKNOWNREFUND123", 500, "USD", null)).await().atMost(WAIT);
        assertEquals(ConnectorResult.NO_RECORD, byUnknownId.errorCode());
    }
}
