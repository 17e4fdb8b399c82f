package dev.payrail.connector.paypal;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.sandbox.paypal.PayPalSandbox;
import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

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

    /** Through the API: PayPal answers PENDING; the settler asks by PayPal's refund id until it is final. */
    @Test
    void pendingPayPalRefundsAreSettledByTheirStatusNeverByASecondRefund() {
        String paymentId = Api.seeded().body(PayPalConnectorTest.cardPayment(20_000, "USD", "4242424242424242", "automatic"))
                .post("/api/v1/payments").then().statusCode(201).body("status", equalTo("captured")).extract().path("id");
        JsonPath completes = Api.seeded().body("{\"amount\":" + PayPalSandbox.REFUND_SETTLES_LATER + "}")
                .post("/api/v1/payments/" + paymentId + "/refunds").then().statusCode(201).extract().jsonPath();
        JsonPath fails = Api.seeded().body("{\"amount\":" + PayPalSandbox.REFUND_FAILS_LATER + "}")
                .post("/api/v1/payments/" + paymentId + "/refunds").then().statusCode(201).extract().jsonPath();
        assertEquals("pending", completes.getString("status"));
        assertEquals("pending", fails.getString("status"));
        Api.seeded().get("/api/v1/payments/" + paymentId).then().body("amount_refund_pending", equalTo(7777 + 7778))
                .body("amount_refunded", equalTo(0));

        Awaitility.await().atMost(WAIT).until(() -> "processed".equals(refundStatus(completes.getString("id")))
                && "failed".equals(refundStatus(fails.getString("id"))));
        Api.seeded().get("/api/v1/payments/" + paymentId).then().body("status", equalTo("partially_refunded"))
                .body("amount_refunded", equalTo(7777)).body("amount_refund_pending", equalTo(0));
        for (JsonPath refund : List.of(completes, fails)) {
            String id = refund.getString("id");
            assertEquals(1, sandbox.received().stream().filter(r -> r.path().endsWith("/refund") && id.equals(r.requestId()))
                    .count(), "one refund POST for " + id);
            assertTrue(sandbox.received().stream().anyMatch(r -> r.method().equals("GET")
                    && r.path().equals("/v2/payments/refunds/" + refund.getString("provider_reference"))));
        }
    }

    private static String refundStatus(String refundId) {
        return Api.seeded().get("/api/v1/refunds/" + refundId).then().statusCode(200).extract().path("status");
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
