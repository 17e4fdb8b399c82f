package dev.payrail.connector.razorpay;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.ProviderEvent.Kind;

/**
 * Razorpay webhook events ({@code {entity:"event", event, payload:{payment:{entity}, refund:{entity}}}})
 * in Payrail's terms. The event id is the {@code x-razorpay-event-id} header (the body has none).
 */
final class RazorpayEvents {

    private RazorpayEvents() {
    }

    static ProviderEvent translate(String eventId, JsonNode event) {
        String type = RazorpayMapping.text(event, "event");
        JsonNode payment = event.path("payload").path("payment").path("entity");
        JsonNode refund = event.path("payload").path("refund").path("entity");
        if (type == null) {
            return new ProviderEvent(eventId, "unknown", null, Kind.IGNORED, null, null);
        }
        return switch (type) {
            case "payment.authorized" -> onPayment(eventId, type, payment, Kind.AUTHORIZED, null);
            case "payment.captured" -> onPayment(eventId, type, payment, Kind.CAPTURED, null);
            case "payment.failed" -> onPayment(eventId, type, payment, Kind.FAILED,
                    RazorpayMapping.text(payment, "error_reason"));
            case "refund.processed" -> onRefund(eventId, type, refund, Kind.REFUND_PROCESSED);
            case "refund.failed" -> onRefund(eventId, type, refund, Kind.REFUND_FAILED);
            // order.paid repeats payment.captured; refund.created and refund.speed_change change nothing final.
            default -> new ProviderEvent(eventId, type, RazorpayMapping.text(payment, "id"), Kind.IGNORED, null, null);
        };
    }

    private static ProviderEvent onPayment(String eventId, String type, JsonNode payment, Kind kind, String decline) {
        Long amount = payment.hasNonNull("amount") ? payment.get("amount").asLong() : null;
        return new ProviderEvent(eventId, type, RazorpayMapping.text(payment, "id"), kind, amount, decline);
    }

    private static ProviderEvent onRefund(String eventId, String type, JsonNode refund, Kind kind) {
        Long amount = refund.hasNonNull("amount") ? refund.get("amount").asLong() : null;
        return new ProviderEvent(eventId, type, RazorpayMapping.text(refund, "id"), kind, amount, null);
    }
}
