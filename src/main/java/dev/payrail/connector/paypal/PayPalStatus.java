package dev.payrail.connector.paypal;

import com.fasterxml.jackson.databind.JsonNode;


import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.PaymentStage;

/**
 * PayPal statuses in Payrail's terms. Exhaustive by construction: only the statuses named here as
 * success or failure are final; every other value, including ones PayPal may add, is pending.
 */
final class PayPalStatus {

    private PayPalStatus() {
    }

    /**
     * An order: COMPLETED is settled by its latest capture or authorization; PAYER_ACTION_REQUIRED
     * (and CREATED with an approval link) needs the payer; VOIDED is final; CREATED, SAVED and
     * APPROVED (not yet authorized or captured) are pending.
     */
    static ConnectorResult ofOrder(JsonNode order) {
        if (order == null || !order.hasNonNull("id")) {
            return ConnectorResult.unknown(null, "PayPal answered without an order.");
        }
        String id = order.get("id").asText();
        String status = order.path("status").asText("");
        ConnectorResult result = switch (status) {
            case "COMPLETED" -> ofPayments(order, id);
            case "PAYER_ACTION_REQUIRED", "CREATED" -> {
                String link = payerLink(order);
                yield link != null ? ConnectorResult.requiresAction(id, link) : ConnectorResult.pending(id, null);
            }
            case "VOIDED" -> ConnectorResult.declined(id, "order_voided", null, "The PayPal order was voided.");
            default -> ConnectorResult.pending(id, null); // APPROVED, SAVED, and anything new
        };
        return withStage(result, order);
    }

    /**
     * Where the order's payment stands: money taken by completed captures (also those refunded
     * since) is captured; otherwise the latest authorization says it — CREATED authorized,
     * VOIDED voided, DENIED and EXPIRED failed, CAPTURED or PARTIALLY_CAPTURED with no completed
     * capture yet (and PENDING, and anything new) pending. A VOIDED order is voided; every other
     * order status is pending.
     */
    static ConnectorResult withStage(ConnectorResult result, JsonNode order) {
        long captured = 0;
        for (JsonNode capture : order.path("purchase_units").path(0).path("payments").path("captures")) {
            switch (capture.path("status").asText("")) {
                case "COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED" -> captured += minor(capture.path("amount"));
                default -> {
                }
            }
        }
        if (captured > 0) {
            return result.capturedAt(captured);
        }
        if ("VOIDED".equals(order.path("status").asText(""))) {
            return result.at(PaymentStage.VOIDED);
        }
        JsonNode authorization = latest(order, "authorizations");
        if (!"COMPLETED".equals(order.path("status").asText("")) || authorization == null) {
            return result.at(PaymentStage.PENDING);
        }
        return result.at(switch (authorization.path("status").asText("")) {
            case "CREATED" -> PaymentStage.AUTHORIZED;
            case "VOIDED" -> PaymentStage.VOIDED;
            case "DENIED", "EXPIRED" -> PaymentStage.FAILED;
            default -> PaymentStage.PENDING; // PENDING, CAPTURED before its capture completed, anything new
        });
    }

    private static long minor(JsonNode money) {
        try {
            return PayPalConnector.UNITS.fromProvider(money.path("currency_code").asText(), money.path("value").asText("0"));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The {@code payer-action} link, or the {@code approve} link of older integrations. */
    static String payerLink(JsonNode order) {
        String approve = null;
        for (JsonNode link : order.path("links")) {
            String rel = link.path("rel").asText();
            if ("payer-action".equals(rel)) {
                return link.path("href").asText(null);
            }
            if ("approve".equals(rel)) {
                approve = link.path("href").asText(null);
            }
        }
        return approve;
    }

    private static ConnectorResult ofPayments(JsonNode order, String orderId) {
        JsonNode capture = latest(order, "captures");
        if (capture != null) {
            return ofCapture(capture, orderId);
        }
        JsonNode authorization = latest(order, "authorizations");
        if (authorization != null) {
            return ofAuthorization(authorization, orderId);
        }
        return ConnectorResult.pending(orderId, null);
    }

    /** Capture: COMPLETED, PARTIALLY_REFUNDED, REFUNDED succeeded; DECLINED, FAILED declined; PENDING and others pending. */
    static ConnectorResult ofCapture(JsonNode capture, String orderId) {
        return switch (capture.path("status").asText("")) {
            case "COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED" -> ConnectorResult.succeeded(orderId);
            case "DECLINED", "FAILED" -> ConnectorResult.declined(orderId, "card_declined", PayPalErrors.declineCode(capture),
                    "PayPal declined the capture.");
            default -> ConnectorResult.pending(orderId, null);
        };
    }

    /**
     * Authorization: CREATED, CAPTURED, PARTIALLY_CAPTURED succeeded; DENIED declined; EXPIRED and
     * VOIDED final failures; PENDING and others pending.
     */
    static ConnectorResult ofAuthorization(JsonNode authorization, String orderId) {
        return switch (authorization.path("status").asText("")) {
            case "CREATED", "CAPTURED", "PARTIALLY_CAPTURED" -> ConnectorResult.succeeded(orderId);
            case "DENIED" -> ConnectorResult.declined(orderId, "card_declined", PayPalErrors.declineCode(authorization),
                    "PayPal denied the authorization.");
            case "EXPIRED" -> ConnectorResult.declined(orderId, "authorization_expired", null,
                    "The PayPal authorization expired.");
            case "VOIDED" -> ConnectorResult.declined(orderId, "authorization_voided", null,
                    "The PayPal authorization was voided.");
            default -> ConnectorResult.pending(orderId, null);
        };
    }

    /** Void answer (an authorization): VOIDED succeeded; anything else is not a void. */
    static ConnectorResult ofVoid(JsonNode authorization, String orderId) {
        if (authorization == null) {
            return ConnectorResult.succeeded(orderId);
        }
        String status = authorization.path("status").asText("");
        return switch (status) {
            case "VOIDED" -> ConnectorResult.succeeded(orderId);
            case "PENDING" -> ConnectorResult.pending(orderId, null);
            default -> ConnectorResult.declined(orderId, "void_failed", null,
                    "PayPal left the authorization " + status + ".");
        };
    }

    /** Refund: COMPLETED succeeded; FAILED, CANCELLED declined; PENDING and others pending. */
    static ConnectorResult ofRefund(JsonNode refund) {
        String id = refund == null ? null : refund.path("id").asText(null);
        String status = refund == null ? "" : refund.path("status").asText("");
        return switch (status) {
            case "COMPLETED" -> ConnectorResult.succeeded(id);
            case "FAILED", "CANCELLED" -> ConnectorResult.declined(id, "refund_failed",
                    refund.path("status_details").path("reason").asText(null), "PayPal did not refund: " + status + ".");
            default -> ConnectorResult.pending(id, null);
        };
    }

    /** The last capture or authorization of the order's first purchase unit, or null. */
    static JsonNode latest(JsonNode order, String kind) {
        JsonNode list = order.path("purchase_units").path(0).path("payments").path(kind);
        return list.isArray() && !list.isEmpty() ? list.get(list.size() - 1) : null;
    }

    /** The latest capture that can still be refunded. */
    static JsonNode refundableCapture(JsonNode order) {
        JsonNode list = order.path("purchase_units").path(0).path("payments").path("captures");
        for (int i = list.size() - 1; i >= 0; i--) {
            String status = list.get(i).path("status").asText();
            if ("COMPLETED".equals(status) || "PARTIALLY_REFUNDED".equals(status)) {
                return list.get(i);
            }
        }
        return null;
    }
}
