package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.PaymentStage;

/** The stage of an order in PayPal's Orders v2 shape: exhaustive, anything not final is pending. */
class PayPalStageMappingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode order(String status) {
        ObjectNode o = MAPPER.createObjectNode().put("id", "5O190127TN364715T").put("status", status).put("intent", "AUTHORIZE");
        o.putArray("purchase_units").addObject().put("reference_id", "pay_x");
        return o;
    }

    private static ObjectNode payments(ObjectNode order) {
        return (ObjectNode) ((ObjectNode) order.path("purchase_units").get(0)).putObject("payments");
    }

    private static void authorization(ObjectNode order, String status) {
        ArrayNode list = payments(order).putArray("authorizations");
        list.addObject().put("id", "0VF52814937998046").put("status", status).putObject("amount")
                .put("currency_code", "USD").put("value", "50.00");
    }

    private static ConnectorResult stage(ObjectNode order) {
        return PayPalStatus.ofOrder(order);
    }

    @Test
    void theLatestAuthorizationTellsTheStageOfACompletedOrder() {
        String[][] cases = { { "CREATED", "AUTHORIZED" }, { "VOIDED", "VOIDED" }, { "DENIED", "FAILED" },
                { "EXPIRED", "FAILED" }, { "PENDING", "PENDING" }, { "CAPTURED", "PENDING" },
                { "A_STATUS_PAYPAL_ADDS_LATER", "PENDING" } };
        for (String[] c : cases) {
            ObjectNode o = order("COMPLETED");
            authorization(o, c[0]);
            assertEquals(PaymentStage.valueOf(c[1]), stage(o).stage(), c[0]);
        }
    }

    @Test
    void completedCapturesAreCapturedWithTheirSumRefundedOnesIncluded() {
        ObjectNode o = order("COMPLETED");
        authorization(o, "CAPTURED");
        ArrayNode captures = ((ObjectNode) o.path("purchase_units").get(0).path("payments")).putArray("captures");
        captures.addObject().put("id", "c1").put("status", "PARTIALLY_REFUNDED").putObject("amount")
                .put("currency_code", "USD").put("value", "30.00");
        captures.addObject().put("id", "c2").put("status", "COMPLETED").putObject("amount")
                .put("currency_code", "USD").put("value", "12.50");
        captures.addObject().put("id", "c3").put("status", "DECLINED").putObject("amount")
                .put("currency_code", "USD").put("value", "7.50");
        ConnectorResult r = stage(o);
        assertEquals(PaymentStage.CAPTURED, r.stage());
        assertEquals(4250L, r.amountCaptured());
    }

    @Test
    void ordersNotCompletedArePendingUnlessVoided() {
        assertEquals(PaymentStage.VOIDED, stage(order("VOIDED")).stage());
        for (String status : new String[] { "CREATED", "SAVED", "APPROVED", "PAYER_ACTION_REQUIRED", "SOMETHING_NEW" }) {
            ConnectorResult r = stage(order(status));
            assertEquals(PaymentStage.PENDING, r.stage(), status);
            assertNull(r.amountCaptured(), status);
        }
    }
}
