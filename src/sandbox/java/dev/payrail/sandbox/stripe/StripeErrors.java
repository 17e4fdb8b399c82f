package dev.payrail.sandbox.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.payrail.sandbox.stripe.StripeSandbox.Reply;

/** Stripe's error objects: {@code {"error": {type, code, decline_code, message, param, …}}}. */
final class StripeErrors {

    private StripeErrors() {
    }

    static Map<String, Object> body(String type, String code, String declineCode, String message, String param) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (code != null) {
            e.put("code", code);
        }
        if (declineCode != null) {
            e.put("decline_code", declineCode);
        }
        e.put("doc_url", code == null ? null : "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        e.put("message", message);
        if (param != null) {
            e.put("param", param);
        }
        e.put("request_log_url", null);
        e.put("type", type);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e);
        return body;
    }

    static Map<String, Object> card(String code, String declineCode, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        if (declineCode != null) {
            e.put("decline_code", declineCode);
        }
        e.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        e.put("message", message);
        e.put("type", "card_error");
        return e;
    }

    /** {@code 402} with the card error and the intent it left in {@code requires_payment_method}. */
    static Reply declined(Map<String, Object> cardError, Map<String, Object> intent) {
        Map<String, Object> e = new LinkedHashMap<>(cardError);
        e.put("payment_intent", intent);
        return new Reply(402, Map.of("error", e), false);
    }

    static Reply invalid(String param, String code, String message) {
        return new Reply(400, body("invalid_request_error", code, null, message, param), false);
    }

    static Reply missing(String param, String message) {
        return new Reply(404, body("invalid_request_error", "resource_missing", null, message, param), false);
    }

    static Reply idempotency(String message) {
        return new Reply(400, body("idempotency_error", null, null, message, null), false);
    }

    static Reply unexpectedState(Map<String, Object> intent, String action) {
        Map<String, Object> body = body("invalid_request_error", "payment_intent_unexpected_state", null,
                "You cannot " + action + " this PaymentIntent because it has a status of " + intent.get("status") + ".",
                null);
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) body.get("error");
        e.put("payment_intent", intent);
        return new Reply(400, body, false);
    }

    static Reply unauthorized() {
        return new Reply(401, body("invalid_request_error", null, null,
                "You did not provide an API key. You need to provide your API key in the Authorization header, using "
                        + "Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').", null), false);
    }

    static Reply serverError(int status) {
        return new Reply(status, body("api_error", null, null, status == 503
                ? "Stripe is temporarily unavailable; the request was not processed."
                : "An unknown error occurred while processing the request.", null), false);
    }
}
