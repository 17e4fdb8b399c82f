package dev.payrail.connector.airwallex;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.ProviderEvent.Kind;
import dev.payrail.connector.WebhookRejectedException;

/** Verified Airwallex events ({@code {id, name, data.object}}) in Payrail's terms. */
final class AirwallexEvents {

    private AirwallexEvents() {
    }

    static ProviderEvent translate(JsonNode event) {
        String id = AirwallexMapping.text(event, "id");
        String name = AirwallexMapping.text(event, "name");
        if (id == null || name == null) {
            throw new WebhookRejectedException("Airwallex event without id or name");
        }
        JsonNode o = event.path("data").path("object");
        String objectId = AirwallexMapping.text(o, "id");
        String intentId = AirwallexMapping.text(o, "payment_intent_id");
        return switch (name) {
            case "payment_intent.succeeded" -> new ProviderEvent(id, name, objectId, Kind.CAPTURED,
                    AirwallexMapping.amount(o, "captured_amount"), null);
            case "payment_intent.requires_capture" -> new ProviderEvent(id, name, objectId, Kind.AUTHORIZED,
                    AirwallexMapping.amount(o, "amount"), null);
            case "payment_intent.cancelled" -> new ProviderEvent(id, name, objectId, Kind.CANCELLED,
                    AirwallexMapping.amount(o, "amount"), null);
            case "payment_attempt.authorization_failed", "payment_attempt.risk_declined",
                    "payment_attempt.failed_to_process", "payment_attempt.authentication_failed" ->
                new ProviderEvent(id, name, intentId, Kind.FAILED, AirwallexMapping.amount(o, "amount"),
                        failure(o));
            case "refund.settled" -> new ProviderEvent(id, name, objectId, Kind.REFUND_PROCESSED,
                    AirwallexMapping.amount(o, "amount"), null);
            case "refund.failed" -> new ProviderEvent(id, name, objectId, Kind.REFUND_FAILED,
                    AirwallexMapping.amount(o, "amount"), AirwallexMapping.text(o, "failure_reason"));
            default -> new ProviderEvent(id, name, objectId, Kind.IGNORED, null, null);
        };
    }

    private static String failure(JsonNode attempt) {
        String original = AirwallexMapping.text(attempt, "provider_original_response_code");
        return original != null ? original : AirwallexMapping.text(attempt, "failure_code");
    }
}
