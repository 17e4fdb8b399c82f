package dev.payrail.connector.paypal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.ConnectorResult;

/** PayPal error bodies and processor codes in Payrail's terms. */
final class PayPalErrors {

    /** {@code details[].issue} values that mean the payer's instrument was refused: a final decline. */
    static final Set<String> DECLINE_ISSUES = Set.of("INSTRUMENT_DECLINED", "TRANSACTION_REFUSED", "PAYER_CANNOT_PAY",
            "CARD_EXPIRED", "CARD_CLOSED", "PAYER_ACCOUNT_RESTRICTED", "PAYER_ACCOUNT_LOCKED_OR_CLOSED",
            "COMPLIANCE_VIOLATION", "MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED", "REDIRECT_PAYER_FOR_ALTERNATE_FUNDING",
            "TRANSACTION_BLOCKED_BY_PAYEE", "PAYEE_BLOCKED_TRANSACTION", "INVALID_SECURITY_CODE_LENGTH",
            "CARD_TYPE_NOT_SUPPORTED");

    /** Processor response codes of declined card captures/authorizations (PayPal's processor_response table). */
    private static final Map<String, String> PROCESSOR_DECLINES = Map.ofEntries(
            Map.entry("0500", "do_not_honor"), Map.entry("5100", "generic_decline"),
            Map.entry("5110", "incorrect_cvc"), Map.entry("5120", "insufficient_funds"),
            Map.entry("5130", "incorrect_number"), Map.entry("5400", "expired_card"),
            Map.entry("5650", "authentication_required"), Map.entry("9500", "fraudulent"),
            Map.entry("9520", "lost_card"), Map.entry("9540", "stolen_card"),
            Map.entry("0580", "transaction_not_allowed"), Map.entry("1330", "invalid_account"),
            Map.entry("5180", "incorrect_number"), Map.entry("00N7", "incorrect_cvc"));

    private PayPalErrors() {
    }

    static String name(JsonNode body) {
        return body == null ? null : body.path("name").asText(null);
    }

    static String issue(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode details = body.path("details");
        return details.isArray() && !details.isEmpty() ? details.get(0).path("issue").asText(null) : null;
    }

    static String message(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode details = body.path("details");
        if (details.isArray() && !details.isEmpty() && details.get(0).hasNonNull("description")) {
            return details.get(0).get("description").asText();
        }
        return body.path("message").asText(null);
    }

    /**
     * A PayPal 4xx answer: a decline when the instrument was refused, not sent when PayPal refused
     * us (credentials, rate limit) before processing anything, otherwise a final rejection.
     */
    static ConnectorResult translate(int status, JsonNode body, String reference) {
        String issue = issue(body);
        String message = message(body);
        if (status == 401 || status == 403 || status == 429) {
            return ConnectorResult.notSent("PayPal refused the request (HTTP " + status
                    + (name(body) == null ? "" : ", " + name(body)) + "); nothing was processed.");
        }
        if (issue != null && DECLINE_ISSUES.contains(issue)) {
            return ConnectorResult.declined(reference, "card_declined", issue.toLowerCase(Locale.ROOT),
                    message == null ? "PayPal declined the payment." : message);
        }
        String code = issue != null ? issue.toLowerCase(Locale.ROOT)
                : name(body) != null ? name(body).toLowerCase(Locale.ROOT) : "provider_rejected";
        return ConnectorResult.declined(reference, code, null,
                message == null ? "PayPal rejected the request (HTTP " + status + ")." : message);
    }

    /** The decline code of a declined capture or denied authorization. */
    static String declineCode(JsonNode payment) {
        String code = payment.path("processor_response").path("response_code").asText(null);
        if (code != null) {
            return PROCESSOR_DECLINES.getOrDefault(code, "generic_decline");
        }
        String reason = payment.path("status_details").path("reason").asText(null);
        return reason == null ? "generic_decline" : reason.toLowerCase(Locale.ROOT);
    }
}
