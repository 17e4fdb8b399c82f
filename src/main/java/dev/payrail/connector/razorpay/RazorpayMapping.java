package dev.payrail.connector.razorpay;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;

/**
 * Razorpay's statuses in Payrail's terms, exhaustively (Razorpay's payment and refund status documentation; docs/connectors/razorpay.md): a status not
 * listed here is pending.
 */
final class RazorpayMapping {

    private RazorpayMapping() {
    }

    /**
     * A payment entity as a status answer. {@code created}: the payer has not finished (pending);
     * {@code authorized}; {@code captured} and {@code refunded} (captured, then refunded in full):
     * captured for the payment's amount; {@code failed}: declined with Razorpay's reason.
     */
    static ConnectorResult payment(JsonNode payment) {
        String id = text(payment, "id");
        String status = text(payment, "status");
        if (status == null) {
            return ConnectorResult.pending(id, null);
        }
        return switch (status) {
            case "authorized" -> ConnectorResult.succeeded(id).at(PaymentStage.AUTHORIZED);
            case "captured", "refunded" -> ConnectorResult.succeeded(id).capturedAt(payment.path("amount").asLong());
            case "failed" -> failed(id, payment).at(PaymentStage.FAILED);
            default -> ConnectorResult.pending(id, null).at(PaymentStage.PENDING);
        };
    }

    /** A failed payment: Razorpay's {@code error_reason} is the decline code. */
    static ConnectorResult failed(String id, JsonNode payment) {
        String reason = text(payment, "error_reason");
        return ConnectorResult.declined(id, "payment_failed", reason == null ? "payment_failed" : reason,
                text(payment, "error_description"));
    }

    /** A refund entity: {@code processed} succeeded, {@code failed} declined, {@code created}/{@code pending} or anything else pending. */
    static ConnectorResult refund(JsonNode refund) {
        String id = text(refund, "id");
        String status = text(refund, "status");
        if ("processed".equals(status)) {
            return ConnectorResult.succeeded(id);
        }
        if ("failed".equals(status)) {
            return ConnectorResult.declined(id, "refund_failed", null, "Razorpay could not process the refund.");
        }
        return ConnectorResult.pending(id, null);
    }

    /**
     * An error answer ({@code {"error":{code, description, reason, metadata{payment_id}}}}) to an
     * operation on an existing payment or refund: a refusal.
     */
    static ConnectorResult refused(JsonNode body, String reference, int status) {
        JsonNode error = body.path("error");
        String code = text(error, "code");
        String reason = text(error, "reason");
        return ConnectorResult.declined(reference, code == null ? "razorpay_" + status : code.toLowerCase(java.util.Locale.ROOT),
                reason, description(body));
    }

    /** Razorpay's error text: {@code error.description}, a bare string, or {@code message}. */
    static String description(JsonNode body) {
        if (body.isTextual()) {
            return body.asText();
        }
        String d = text(body.path("error"), "description");
        return d != null ? d : text(body, "message");
    }

    /** A UPI collect request sent to the payer's app: the payer must approve it there. */
    static ConnectorResult upiCollect(String paymentId, String vpa) {
        return new ConnectorResult(Outcome.REQUIRES_ACTION, paymentId, null, null, null, null,
                Map.of("type", "upi_collect", "vpa", vpa));
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
