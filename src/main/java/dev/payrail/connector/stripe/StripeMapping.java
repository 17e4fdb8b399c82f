package dev.payrail.connector.stripe;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.PaymentStage;

/**
 * Stripe objects in Payrail's terms. The PaymentIntent status map is exhaustive: only an explicit
 * success or an explicit failure is final, anything else is pending.
 */
final class StripeMapping {

    private StripeMapping() {
    }

    /** What a PaymentIntent returned by create (confirm=true), retrieve or search means for the authorization. */
    static ConnectorResult authorization(JsonNode intent) {
        String id = text(intent, "id");
        String status = text(intent, "status");
        return switch (status == null ? "" : status) {
            case "succeeded", "requires_capture" -> ConnectorResult.succeeded(id);
            case "requires_action" -> {
                String url = intent.path("next_action").path("redirect_to_url").path("url").asText(null);
                yield url == null ? ConnectorResult.pending(id, null) : ConnectorResult.requiresAction(id, url);
            }
            case "canceled" -> ConnectorResult.declined(id, "payment_intent_canceled", null,
                    "The PaymentIntent was canceled" + reason(intent) + ".");
            case "requires_payment_method" -> {
                JsonNode error = intent.path("last_payment_error");
                yield error.isMissingNode() || error.isNull() ? ConnectorResult.pending(id, null) : declined(id, error);
            }
            // processing, requires_confirmation, and anything Stripe adds later
            default -> ConnectorResult.pending(id, null);
        };
    }

    /**
     * A PaymentIntent read by a status query: the authorization's outcome, and the stage —
     * {@code requires_capture} authorized, {@code succeeded} captured ({@code amount_received}),
     * {@code canceled} voided, {@code requires_payment_method} after an error failed; anything else
     * ({@code processing}, {@code requires_action}, {@code requires_confirmation}, new statuses) pending.
     */
    static ConnectorResult status(JsonNode intent) {
        ConnectorResult authorization = authorization(intent).withAuthenticationVersion(threeDSecureVersion(intent));
        String status = text(intent, "status");
        return switch (status == null ? "" : status) {
            case "requires_capture" -> authorization.at(PaymentStage.AUTHORIZED);
            case "succeeded" -> authorization.capturedAt(intent.path("amount_received").asLong());
            case "canceled" -> authorization.at(PaymentStage.VOIDED);
            case "requires_payment_method" -> authorization.at(
                    authorization.is(dev.payrail.connector.Outcome.DECLINED) ? PaymentStage.FAILED : PaymentStage.PENDING);
            default -> authorization.at(PaymentStage.PENDING);
        };
    }

    /** After a capture: {@code succeeded} is captured; anything else is not (yet). */
    static ConnectorResult capture(JsonNode intent) {
        String id = text(intent, "id");
        return "succeeded".equals(text(intent, "status")) ? ConnectorResult.succeeded(id)
                : ConnectorResult.pending(id, null);
    }

    /** After a cancel: {@code canceled} is voided. */
    static ConnectorResult cancel(JsonNode intent) {
        String id = text(intent, "id");
        return "canceled".equals(text(intent, "status")) ? ConnectorResult.succeeded(id) : ConnectorResult.pending(id, null);
    }

    /** A Refund object: succeeded, failed/canceled, or pending (pending, requires_action, unknown). */
    static ConnectorResult refund(JsonNode refund) {
        String id = text(refund, "id");
        String status = text(refund, "status");
        return switch (status == null ? "" : status) {
            case "succeeded" -> ConnectorResult.succeeded(id);
            case "failed", "canceled" -> ConnectorResult.declined(id, "refund_" + status,
                    text(refund, "failure_reason"), "Stripe reports the refund as " + status + ".");
            default -> ConnectorResult.pending(id, null);
        };
    }

    /** A {@code card_error} (or a PaymentIntent's {@code last_payment_error}) as a decline. */
    static ConnectorResult declined(String reference, JsonNode error) {
        String code = text(error, "code");
        String decline = text(error, "decline_code");
        return ConnectorResult.declined(reference, code == null ? "card_declined" : code, decline == null ? code : decline,
                text(error, "message"));
    }

    /**
     * The 3-D Secure version of the intent's latest Charge when it was expanded ({@code expand[]=latest_charge}):
     * {@code payment_method_details.card.three_d_secure.version}; {@code null} when the charge is only an id
     * or had no authentication.
     */
    static String threeDSecureVersion(JsonNode intent) {
        JsonNode charge = intent.path("latest_charge");
        return charge.isObject() ? text(charge.path("payment_method_details").path("card").path("three_d_secure"), "version")
                : null;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static String reason(JsonNode intent) {
        String r = text(intent, "cancellation_reason");
        return r == null ? "" : " (" + r + ")";
    }
}
