package dev.payrail.dispute;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.payrail.common.ApiException;
import dev.payrail.common.TextGuard;

/** The evidence fields, as Stripe names them: text fields, and document fields that take a file id. */
final class DisputeEvidence {

    static final Set<String> TEXT = Set.of("access_activity_log", "billing_address", "cancellation_policy_disclosure",
            "cancellation_rebuttal", "customer_email_address", "customer_name", "customer_purchase_ip",
            "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "refund_policy_disclosure",
            "refund_refusal_explanation", "service_date", "shipping_address", "shipping_carrier", "shipping_date",
            "shipping_tracking_number", "uncategorized_text");
    static final Set<String> FILES = Set.of("cancellation_policy", "customer_communication", "customer_signature",
            "duplicate_charge_documentation", "receipt", "refund_policy", "service_documentation",
            "shipping_documentation", "uncategorized_file");
    /** Stripe's limit on the text of all fields together. */
    static final int MAX_TOTAL_CHARS = 150_000;

    private DisputeEvidence() {
    }

    /** The stored evidence with {@code update} merged in, checked; a 400 names the first bad field. */
    static Map<String, String> merged(Map<String, String> stored, Map<String, String> update) {
        if (update == null || update.isEmpty()) {
            throw ApiException.badRequest("evidence must name at least one field.", "evidence");
        }
        Map<String, String> out = new LinkedHashMap<>(stored);
        for (Map.Entry<String, String> e : update.entrySet()) {
            String field = e.getKey();
            String value = e.getValue();
            String param = "evidence." + field;
            if (!TEXT.contains(field) && !FILES.contains(field)) {
                throw ApiException.badRequest("Unknown evidence field " + field + ".", param);
            }
            if (value == null || value.isBlank()) {
                throw ApiException.badRequest(field + " must be a non-empty string.", param);
            }
            if (FILES.contains(field) && !value.matches("file_[A-Za-z0-9]{1,60}")) {
                throw ApiException.badRequest(field + " takes a file id (file_…).", param);
            }
            if (TextGuard.flaw(value) != null || TextGuard.containsCardNumber(value)) {
                throw ApiException.badRequest(field + " contains text that cannot be stored (control characters or a card number).",
                        param);
            }
            out.put(field, value);
        }
        int total = out.values().stream().mapToInt(String::length).sum();
        if (total > MAX_TOTAL_CHARS) {
            throw ApiException.badRequest("The evidence fields together exceed " + MAX_TOTAL_CHARS + " characters.",
                    "evidence");
        }
        return out;
    }
}
