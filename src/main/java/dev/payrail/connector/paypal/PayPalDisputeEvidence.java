package dev.payrail.connector.paypal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Payrail's evidence (Stripe's field names) as the {@code input} of PayPal's provide-evidence: a
 * tracking number (with its carrier) is a {@code PROOF_OF_FULFILLMENT} with {@code tracking_info};
 * every text field is a line {@code field: value} of the notes of {@code OTHER} evidences, at most
 * {@value #MAX_NOTES} characters each (PayPal's limit), as many as it takes. Documents are file
 * uploads at PayPal; Payrail's document fields name Stripe file ids, which PayPal cannot take.
 */
final class PayPalDisputeEvidence {

    static final int MAX_NOTES = 2000;
    /** Payrail's document fields (values are Stripe file ids). */
    static final Set<String> DOCUMENTS = Set.of("cancellation_policy", "customer_communication", "customer_signature",
            "duplicate_charge_documentation", "receipt", "refund_policy", "service_documentation",
            "shipping_documentation", "uncategorized_file");
    /** Carriers of PayPal's {@code tracking_info.carrier_name} enum that Payrail maps by name; others are {@code OTHER}. */
    static final Set<String> CARRIERS = Set.of("UPS", "USPS", "FEDEX", "DHL", "TNT", "ROYAL_MAIL", "PARCELFORCE",
            "CHINA_POST", "CANADA_POST", "AIRBORNE_EXPRESS", "SWIFTAIR");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PayPalDisputeEvidence() {
    }

    /** Evidence PayPal cannot take through the API. */
    static final class NotSendable extends RuntimeException {
        NotSendable(String message) {
            super(message, null, false, false);
        }
    }

    /** The {@code input} part's JSON. */
    static String input(Map<String, String> evidence) {
        List<String> documents = evidence.keySet().stream().filter(DOCUMENTS::contains).sorted().toList();
        if (!documents.isEmpty()) {
            throw new NotSendable("PayPal takes documents only as file uploads, which Payrail does not forward ("
                    + String.join(", ", documents) + "): remove them and send text evidence, or upload the documents in "
                    + "PayPal's Resolution Center.");
        }
        ObjectNode input = MAPPER.createObjectNode();
        ArrayNode evidences = input.putArray("evidences");
        String tracking = evidence.get("shipping_tracking_number");
        if (tracking != null) {
            ObjectNode proof = evidences.addObject();
            proof.put("evidence_type", "PROOF_OF_FULFILLMENT");
            ObjectNode info = proof.putObject("evidence_info").putArray("tracking_info").addObject();
            String carrier = carrier(evidence.get("shipping_carrier"));
            info.put("carrier_name", carrier);
            if ("OTHER".equals(carrier)) {
                info.put("carrier_name_other", evidence.getOrDefault("shipping_carrier", "unknown"));
            }
            info.put("tracking_number", tracking);
        }
        for (String notes : notes(evidence)) {
            ObjectNode other = evidences.addObject();
            other.put("evidence_type", "OTHER");
            other.put("notes", notes);
        }
        if (evidences.isEmpty()) {
            throw new NotSendable("There is no evidence PayPal can take.");
        }
        return input.toString();
    }

    /** PayPal's carrier name for a carrier the merchant named, else {@code OTHER}. */
    static String carrier(String name) {
        if (name == null) {
            return "OTHER";
        }
        String upper = name.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return CARRIERS.contains(upper) ? upper : "OTHER";
    }

    /** The text fields as {@code field: value} lines, packed into notes of at most {@value #MAX_NOTES} characters. */
    static List<String> notes(Map<String, String> evidence) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Map.Entry<String, String> e : evidence.entrySet()) {
            String line = e.getKey() + ": " + e.getValue();
            if (!current.isEmpty() && current.length() + 1 + line.length() > MAX_NOTES) {
                out.add(current.toString());
                current.setLength(0);
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(line);
            while (current.length() > MAX_NOTES) {
                out.add(current.substring(0, MAX_NOTES));
                current.delete(0, MAX_NOTES);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }
}
