package dev.payrail.connector.wechatpay;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;

/**
 * WeChat Pay's states in Payrail's terms, exhaustively: anything not explicitly final is pending.
 * A transaction is a sale: {@code SUCCESS} (and {@code REFUND}: paid, then refunded in part or whole)
 * is captured; {@code NOTPAY} is a payer who has not paid yet (never a failure); {@code USERPAYING}
 * and {@code ACCEPT} are under way; {@code CLOSED}, {@code REVOKED} and {@code PAYERROR} took no money.
 */
final class WechatPayMapping {

    private WechatPayMapping() {
    }

    /** A transaction (query answer) as a status answer; {@code outTradeNo} is the payment's reference. */
    static ConnectorResult transaction(JsonNode tx, String outTradeNo) {
        String state = text(tx, "trade_state");
        String desc = text(tx, "trade_state_desc");
        long total = tx.path("amount").path("total").asLong(0);
        return switch (state == null ? "" : state) {
            case "SUCCESS", "REFUND" -> ConnectorResult.succeeded(outTradeNo).capturedAt(total);
            case "CLOSED", "REVOKED", "PAYERROR" -> new ConnectorResult(Outcome.DECLINED, outTradeNo, "payment_declined",
                    state.toLowerCase(Locale.ROOT), "WeChat Pay: " + state + (desc == null ? "" : " (" + desc + ")"), null,
                    null).at(PaymentStage.FAILED);
            // NOTPAY: the payer has not paid (yet); USERPAYING, ACCEPT and anything newer: under way.
            default -> new ConnectorResult(Outcome.PENDING, outTradeNo, null, null,
                    "WeChat Pay: " + (state == null ? "no trade_state" : state), null, null).at(PaymentStage.PENDING);
        };
    }

    /** A refund (create or query answer, {@code status}; notifications say {@code refund_status}). */
    static ConnectorResult refund(JsonNode refund) {
        String status = text(refund, "status");
        if (status == null) {
            status = text(refund, "refund_status");
        }
        String id = text(refund, "refund_id");
        return switch (status == null ? "" : status) {
            case "SUCCESS" -> ConnectorResult.succeeded(id);
            case "CLOSED" -> ConnectorResult.declined(id, "refund_failed", "closed", "WeChat Pay closed the refund.");
            case "ABNORMAL" -> ConnectorResult.declined(id, "refund_failed", "abnormal",
                    "WeChat Pay could not return the money to the payer's account (ABNORMAL).");
            // PROCESSING and anything newer: not settled yet.
            default -> ConnectorResult.pending(id, null);
        };
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
