package dev.payrail.connector.airwallex;

import java.math.BigDecimal;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;

/**
 * Airwallex objects in Payrail's terms. The PaymentIntent and Refund status maps are exhaustive:
 * only an explicit success or failure is final, anything else (including statuses Airwallex adds
 * later) is pending.
 */
final class AirwallexMapping {

    /** Failed statuses of a PaymentAttempt (the intent's {@code latest_payment_attempt}). */
    private static final java.util.Set<String> FAILED_ATTEMPT = java.util.Set.of("FAILED", "AUTHORIZATION_FAILED",
            "CANCELLED", "EXPIRED", "RISK_DECLINED", "AUTHENTICATION_FAILED", "FAILED_TO_PROCESS");

    private AirwallexMapping() {
    }

    /** What a PaymentIntent (after confirm, or read back) means for the authorization. */
    static ConnectorResult authorization(JsonNode intent) {
        String id = text(intent, "id");
        return switch (upper(text(intent, "status"))) {
            case "SUCCEEDED", "REQUIRES_CAPTURE" -> ConnectorResult.succeeded(id);
            case "REQUIRES_CUSTOMER_ACTION" -> {
                String url = text(intent.path("next_action"), "url");
                yield url == null ? ConnectorResult.pending(id, null) : ConnectorResult.requiresAction(id, url);
            }
            case "CANCELLED" -> ConnectorResult.declined(id, "payment_intent_cancelled", null,
                    "The PaymentIntent was cancelled.");
            case "EXPIRED" -> ConnectorResult.declined(id, "payment_intent_expired", null, "The PaymentIntent expired.");
            case "REQUIRES_PAYMENT_METHOD" -> failedAttempt(intent)
                    ? attemptDeclined(id, intent.path("latest_payment_attempt"))
                    : ConnectorResult.pending(id, null);
            // PENDING, PENDING_REVIEW, CREATED, and anything Airwallex adds later
            default -> ConnectorResult.pending(id, null);
        };
    }

    /**
     * A PaymentIntent read by a status query: {@code REQUIRES_CAPTURE} authorized, {@code SUCCEEDED}
     * captured ({@code captured_amount}), {@code CANCELLED} voided, {@code EXPIRED} or a failed last
     * attempt failed; anything else pending.
     */
    static ConnectorResult status(JsonNode intent) {
        ConnectorResult authorization = authorization(intent);
        return switch (upper(text(intent, "status"))) {
            case "REQUIRES_CAPTURE" -> authorization.at(PaymentStage.AUTHORIZED);
            case "SUCCEEDED" -> {
                Long captured = amount(intent, "captured_amount");
                yield captured == null ? authorization.at(PaymentStage.PENDING) : authorization.capturedAt(captured);
            }
            case "CANCELLED" -> authorization.at(PaymentStage.VOIDED);
            case "EXPIRED" -> authorization.at(PaymentStage.FAILED);
            case "REQUIRES_PAYMENT_METHOD" -> authorization.at(
                    authorization.is(Outcome.DECLINED) ? PaymentStage.FAILED : PaymentStage.PENDING);
            default -> authorization.at(PaymentStage.PENDING);
        };
    }

    /** Whether the intent was confirmed at all: it has a payment attempt. */
    static boolean confirmed(JsonNode intent) {
        JsonNode attempt = intent.path("latest_payment_attempt");
        return attempt.isObject() && text(attempt, "id") != null;
    }

    /** After a capture: {@code SUCCEEDED} is captured; anything else is not (yet). */
    static ConnectorResult capture(JsonNode intent) {
        String id = text(intent, "id");
        return "SUCCEEDED".equals(upper(text(intent, "status"))) ? ConnectorResult.succeeded(id)
                : ConnectorResult.pending(id, null);
    }

    /** After a cancel: {@code CANCELLED} is voided. */
    static ConnectorResult cancel(JsonNode intent) {
        String id = text(intent, "id");
        return "CANCELLED".equals(upper(text(intent, "status"))) ? ConnectorResult.succeeded(id)
                : ConnectorResult.pending(id, null);
    }

    /** A Refund: {@code SETTLED} processed, {@code FAILED} failed, anything else ({@code RECEIVED}, {@code ACCEPTED}) pending. */
    static ConnectorResult refund(JsonNode refund) {
        String id = text(refund, "id");
        return switch (upper(text(refund, "status"))) {
            case "SETTLED" -> ConnectorResult.succeeded(id);
            case "FAILED" -> ConnectorResult.declined(id, "refund_failed", text(refund, "failure_reason"),
                    "Airwallex reports the refund as failed.");
            default -> ConnectorResult.pending(id, null);
        };
    }

    /**
     * An Airwallex error body ({@code code}, {@code message}, {@code details}) as a decline; the
     * issuer's raw response code, when Airwallex passes it through, is the decline code.
     */
    static ConnectorResult declined(String reference, JsonNode error, int httpStatus) {
        String code = text(error, "code");
        JsonNode details = error.path("details");
        String original = text(details, "original_response_code");
        String decline = original != null ? original : code;
        return ConnectorResult.declined(reference, code == null ? "airwallex_" + httpStatus : code, decline,
                text(error, "message"));
    }

    /** The error codes Airwallex answers for a refused payment (not for a malformed request). */
    static boolean isDecline(String code) {
        return code != null && java.util.Set.of("issuer_declined", "risk_declined", "provider_declined",
                "authentication_declined", "3ds_not_supported", "payment_method_not_allowed", "suspected_fraud",
                "card_brand_not_supported", "amount_above_limit").contains(code);
    }

    /** The amount of a field in Payrail's minor units, read through {@link AirwallexConnector#UNITS}; null when absent or inexact. */
    static Long amount(JsonNode object, String field) {
        JsonNode v = object.path(field);
        String currency = text(object, "currency");
        if (!v.isNumber() && !v.isTextual() || currency == null) {
            return null;
        }
        try {
            BigDecimal major = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
            return AirwallexConnector.UNITS.fromProvider(currency.toUpperCase(Locale.ROOT), major.toPlainString());
        } catch (AmountUnits.NotRepresentable | NumberFormatException e) {
            return null;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static boolean failedAttempt(JsonNode intent) {
        JsonNode attempt = intent.path("latest_payment_attempt");
        return confirmed(intent) && FAILED_ATTEMPT.contains(upper(text(attempt, "status")));
    }

    private static ConnectorResult attemptDeclined(String id, JsonNode attempt) {
        String code = text(attempt, "failure_code");
        return ConnectorResult.declined(id, code == null ? "payment_attempt_failed" : code,
                text(attempt, "provider_original_response_code"), "The payment attempt failed at Airwallex.");
    }

    private static String upper(String s) {
        return s == null ? "" : s.toUpperCase(Locale.ROOT);
    }
}
