package dev.payrail.sandbox.paypal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.SandboxConfig;
import dev.payrail.sandbox.paypal.PayPalSandbox.Answer;

/**
 * PayPal's Disputes API v1 in the emulator, for the merchant side of a dispute.
 *
 * <p>A buyer opens a dispute at PayPal, never through the API: here a test helper does it
 * ({@code POST /test-helpers/disputes}) on a completed capture, and the emulator sends
 * {@code CUSTOMER.DISPUTE.CREATED}. A chargeback waits for the seller ({@code WAITING_FOR_SELLER_RESPONSE}),
 * an inquiry is {@code OPEN}. The seller then:
 * <ul>
 * <li>{@code POST /v1/customer/disputes/{id}/provide-evidence} (multipart, the evidences as JSON in the
 * {@code input} part): only while {@code WAITING_FOR_SELLER_RESPONSE}; the dispute goes
 * {@code UNDER_REVIEW} ({@code CUSTOMER.DISPUTE.UPDATED});</li>
 * <li>{@code POST /v1/customer/disputes/{id}/accept-claim} (JSON {@code note}, {@code accept_claim_type}):
 * while {@code OPEN} or {@code WAITING_FOR_SELLER_RESPONSE}; the dispute is {@code RESOLVED} in the
 * buyer's favour with the disputed amount refunded ({@code CUSTOMER.DISPUTE.RESOLVED}).</li>
 * </ul>
 * PayPal's sandbox-only {@code POST /v1/customer/disputes/{id}/adjudicate} settles a dispute under review
 * ({@code SELLER_FAVOR} or {@code BUYER_FAVOR}). Both actions answer 200 with a link to the dispute; an
 * action the dispute's status does not allow (PayPal leaves its link out of the dispute) is
 * {@code 422 UNPROCESSABLE_ENTITY}, issue {@value #NOT_ALLOWED} (PayPal's OpenAPI names no issue for
 * this; the name is the emulator's). A repeated {@code PayPal-Request-Id} replays the first answer.
 */
@Singleton
public class PayPalSandboxDisputes {

    /** The issue of an action the dispute's status does not allow. */
    static final String NOT_ALLOWED = "ACTION_NOT_ALLOWED_IN_CURRENT_STATE";
    static final Set<String> REASONS = Set.of("MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
            "MERCHANDISE_OR_SERVICE_NOT_AS_DESCRIBED", "UNAUTHORISED", "CREDIT_NOT_PROCESSED", "DUPLICATE_TRANSACTION",
            "INCORRECT_AMOUNT", "PAYMENT_BY_OTHER_MEANS", "CANCELED_RECURRING_BILLING", "PROBLEM_WITH_REMITTANCE", "OTHER");
    /** The evidence types a seller provides with notes or tracking (a subset of PayPal's enum). */
    static final Set<String> EVIDENCE_TYPES = Set.of("PROOF_OF_FULFILLMENT", "PROOF_OF_REFUND", "PROOF_OF_DELIVERY_SIGNATURE",
            "PROOF_OF_RECEIPT_COPY", "RETURN_POLICY", "BILLING_AGREEMENT", "PROOF_OF_RESHIPMENT", "ITEM_DESCRIPTION",
            "POLICE_REPORT", "AFFIDAVIT", "PAID_WITH_OTHER_METHOD", "COPY_OF_CONTRACT", "TERMINAL_ATM_RECEIPT",
            "PRICE_DIFFERENCE_REASON", "SOURCE_CONVERSION_RATE", "BANK_STATEMENT", "CREDIT_DUE_REASON",
            "REQUEST_CREDIT_RECEIPT", "PROOF_OF_RETURN", "CHANGE_REASON", "PROOF_OF_REFUND_OUTSIDE_PAYPAL",
            "RECEIPT_OF_MERCHANDISE", "MERCHANT_RESPONSE", "ORDER_DETAILS", "LISTING_URL", "OTHER");
    static final int MAX_NOTES = 2000;

    private final PayPalSandbox sandbox;
    private final PayPalSandboxWebhooks webhooks;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Recent<String, Dispute> disputes;

    PayPalSandboxDisputes(PayPalSandbox sandbox, PayPalSandboxWebhooks webhooks, SandboxConfig config) {
        this.sandbox = sandbox;
        this.webhooks = webhooks;
        this.disputes = new Recent<>(config.rememberedPayments());
    }

    /** A dispute; mutated only while synchronized on itself. */
    static final class Dispute {
        final String id;
        final PayPalSandbox.Capture capture;
        final String reason;
        final String stage;
        final long amount;
        final Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant updated = created;
        String status;
        String outcome;
        final List<JsonNode> evidences = new ArrayList<>();

        Dispute(String id, PayPalSandbox.Capture capture, String reason, String stage, long amount, String status) {
            this.id = id;
            this.capture = capture;
            this.reason = reason;
            this.stage = stage;
            this.amount = amount;
            this.status = status;
        }
    }

    /**
     * Test helper: opens a dispute on a completed capture, named by {@code capture_id} or by
     * {@code order_id} (its latest capture); {@code life_cycle_stage} {@code CHARGEBACK} (default) or
     * {@code INQUIRY}; {@code reason} one of PayPal's; {@code amount} (default the capture's).
     */
    Answer open(String body, String base) {
        JsonNode req;
        try {
            req = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return sandbox.malformed("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        PayPalSandbox.Capture capture = capture(req);
        if (capture == null) {
            return sandbox.notFound(req.path("capture_id").asText(req.path("order_id").asText("")));
        }
        String reason = req.path("reason").asText("MERCHANDISE_OR_SERVICE_NOT_RECEIVED");
        String stage = req.path("life_cycle_stage").asText("CHARGEBACK");
        if (!REASONS.contains(reason)) {
            return sandbox.malformed("INVALID_PARAMETER_VALUE", "reason is not a dispute reason.");
        }
        if (!"CHARGEBACK".equals(stage) && !"INQUIRY".equals(stage)) {
            return sandbox.malformed("INVALID_PARAMETER_VALUE", "life_cycle_stage must be CHARGEBACK or INQUIRY.");
        }
        Dispute d;
        synchronized (capture.order) {
            if (!"COMPLETED".equals(capture.status) && !"PARTIALLY_REFUNDED".equals(capture.status)) {
                return sandbox.unprocessable(NOT_ALLOWED, "Only a completed capture can be disputed.");
            }
            long amount = capture.amount - capture.refunded;
            JsonNode money = req.path("amount");
            if (!money.isMissingNode()) {
                try {
                    amount = PayPalCurrencyCodes.parse(capture.order.currency, money.path("value").asText("x"),
                            PayPalCurrencyCodes.DECIMALS_NOT_SUPPORTED);
                } catch (PayPalCurrencyCodes.Refused | NumberFormatException e) {
                    return sandbox.malformed("INVALID_PARAMETER_VALUE", "amount.value is not a valid amount.");
                }
                if (amount <= 0 || amount > capture.amount - capture.refunded) {
                    return sandbox.unprocessable("INVALID_AMOUNT", "The disputed amount exceeds what the capture kept.");
                }
            }
            d = new Dispute("PP-D-" + PayPalSandbox.randomId(8), capture, reason, stage, amount,
                    "INQUIRY".equals(stage) ? "OPEN" : "WAITING_FOR_SELLER_RESPONSE");
        }
        disputes.put(d.id, d);
        ObjectNode json;
        synchronized (d) {
            json = json(d, base);
        }
        webhooks.send("CUSTOMER.DISPUTE.CREATED", json);
        return Answer.json(201, json);
    }

    private PayPalSandbox.Capture capture(JsonNode req) {
        if (req.hasNonNull("capture_id")) {
            return sandbox.capture(req.get("capture_id").asText());
        }
        PayPalSandbox.Order order = req.hasNonNull("order_id") ? sandbox.order(req.get("order_id").asText()) : null;
        if (order == null) {
            return null;
        }
        synchronized (order) {
            return order.forgotten || order.captureList.isEmpty() ? null
                    : order.captureList.get(order.captureList.size() - 1);
        }
    }

    /** {@code GET /v1/customer/disputes/{id}}. */
    Answer get(String id, String base) {
        Dispute d = disputes.get(id);
        if (d == null) {
            return sandbox.notFound(id);
        }
        synchronized (d) {
            return Answer.json(200, json(d, base));
        }
    }

    /** {@code POST /v1/customer/disputes/{id}/provide-evidence}: the evidences are the {@code input} part's JSON. */
    Answer provideEvidence(String id, String input, String base) {
        Dispute d = disputes.get(id);
        if (d == null) {
            return sandbox.notFound(id);
        }
        if (input == null || input.isBlank()) {
            return sandbox.malformed("MISSING_REQUIRED_PARAMETER", "The input part with the evidences is required.");
        }
        JsonNode req;
        try {
            req = mapper.readTree(input);
        } catch (JsonProcessingException e) {
            return sandbox.malformed("MALFORMED_REQUEST_JSON", "The input part is not well-formed JSON.");
        }
        JsonNode evidences = req.path("evidences");
        if (!evidences.isArray() || evidences.isEmpty()) {
            return sandbox.malformed("MISSING_REQUIRED_PARAMETER", "evidences must have at least one item.");
        }
        for (JsonNode e : evidences) {
            String refusal = refusal(e);
            if (refusal != null) {
                return sandbox.malformed("INVALID_PARAMETER_VALUE", refusal);
            }
        }
        ObjectNode json;
        synchronized (d) {
            if (!"WAITING_FOR_SELLER_RESPONSE".equals(d.status)) {
                return sandbox.unprocessable(NOT_ALLOWED, "Evidence cannot be provided for a dispute in status " + d.status + ".");
            }
            for (JsonNode e : evidences) {
                ObjectNode stored = ((ObjectNode) e).deepCopy();
                stored.put("source", "SUBMITTED_BY_SELLER");
                stored.put("date", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
                d.evidences.add(stored);
            }
            d.status = "UNDER_REVIEW";
            d.updated = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            json = json(d, base);
        }
        webhooks.send("CUSTOMER.DISPUTE.UPDATED", json);
        return Answer.json(200, detailLink(d, base));
    }

    /** Why an evidence item is refused, or null: a known type, notes of 1 to 2000 characters, tracking with a number. */
    private static String refusal(JsonNode e) {
        if (!e.isObject() || !EVIDENCE_TYPES.contains(e.path("evidence_type").asText(""))) {
            return "evidence_type is missing or not an evidence type.";
        }
        if (e.has("notes") && (!e.get("notes").isTextual() || e.get("notes").asText().isEmpty()
                || e.get("notes").asText().length() > MAX_NOTES)) {
            return "notes must be 1 to " + MAX_NOTES + " characters.";
        }
        for (JsonNode t : e.path("evidence_info").path("tracking_info")) {
            if (t.path("tracking_number").asText("").isEmpty() || t.path("carrier_name").asText("").isEmpty()) {
                return "tracking_info needs carrier_name and tracking_number.";
            }
        }
        if (!e.has("notes") && !e.has("evidence_info") && !e.has("documents")) {
            return "An evidence needs notes, evidence_info or documents.";
        }
        return null;
    }

    /** {@code POST /v1/customer/disputes/{id}/accept-claim}: the claim is conceded, the buyer refunded. */
    Answer acceptClaim(String id, String body, String base) {
        Dispute d = disputes.get(id);
        if (d == null) {
            return sandbox.notFound(id);
        }
        JsonNode req;
        try {
            req = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return sandbox.malformed("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        String note = req.path("note").asText("");
        if (note.isEmpty() || note.length() > MAX_NOTES) {
            return sandbox.malformed("MISSING_REQUIRED_PARAMETER", "note is required (1 to " + MAX_NOTES + " characters).");
        }
        String type = req.path("accept_claim_type").asText("REFUND");
        if (!Set.of("REFUND", "REFUND_WITH_RETURN", "PARTIAL_REFUND", "REFUND_WITH_RETURN_SHIPMENT_LABEL").contains(type)) {
            return sandbox.malformed("INVALID_PARAMETER_VALUE", "accept_claim_type is not an accept claim type.");
        }
        ObjectNode json;
        synchronized (d) {
            if (!"OPEN".equals(d.status) && !"WAITING_FOR_SELLER_RESPONSE".equals(d.status)) {
                return sandbox.unprocessable(NOT_ALLOWED, "A dispute in status " + d.status + " cannot be accepted.");
            }
            resolve(d, "RESOLVED_BUYER_FAVOUR");
            json = json(d, base);
        }
        webhooks.send("CUSTOMER.DISPUTE.RESOLVED", json);
        return Answer.json(200, detailLink(d, base));
    }

    /** Sandbox only, as at PayPal: {@code POST /v1/customer/disputes/{id}/adjudicate} settles a dispute under review. */
    Answer adjudicate(String id, String body, String base) {
        Dispute d = disputes.get(id);
        if (d == null) {
            return sandbox.notFound(id);
        }
        String outcome;
        try {
            outcome = body == null || body.isBlank() ? "" : mapper.readTree(body).path("adjudication_outcome").asText("");
        } catch (JsonProcessingException e) {
            return sandbox.malformed("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        if (!"BUYER_FAVOR".equals(outcome) && !"SELLER_FAVOR".equals(outcome)) {
            return sandbox.malformed("INVALID_PARAMETER_VALUE", "adjudication_outcome must be BUYER_FAVOR or SELLER_FAVOR.");
        }
        ObjectNode json;
        synchronized (d) {
            if (!"UNDER_REVIEW".equals(d.status)) {
                return sandbox.unprocessable(NOT_ALLOWED, "Only a dispute under review can be settled.");
            }
            resolve(d, "SELLER_FAVOR".equals(outcome) ? "RESOLVED_SELLER_FAVOUR" : "RESOLVED_BUYER_FAVOUR");
            json = json(d, base);
        }
        webhooks.send("CUSTOMER.DISPUTE.RESOLVED", json);
        return Answer.json(200, detailLink(d, base));
    }

    /** Under the dispute's monitor. */
    private static void resolve(Dispute d, String outcome) {
        d.status = "RESOLVED";
        d.outcome = outcome;
        d.updated = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The status of a dispute, or null (tests). */
    public String statusOf(String id) {
        Dispute d = disputes.get(id);
        if (d == null) {
            return null;
        }
        synchronized (d) {
            return d.status;
        }
    }

    /** The evidences the seller provided, as stored (tests). */
    public List<JsonNode> evidencesOf(String id) {
        Dispute d = disputes.get(id);
        if (d == null) {
            return List.of();
        }
        synchronized (d) {
            return List.copyOf(d.evidences);
        }
    }

    private ObjectNode detailLink(Dispute d, String base) {
        ObjectNode n = mapper.createObjectNode();
        PayPalSandbox.link(n.putArray("links"), base + "/v1/customer/disputes/" + d.id, "detail", "GET");
        return n;
    }

    /** Under the dispute's monitor: the dispute as PayPal's Disputes API shows it. */
    private ObjectNode json(Dispute d, String base) {
        PayPalSandbox.Capture c = d.capture;
        String currency = c.order.currency;
        ObjectNode n = mapper.createObjectNode();
        n.put("dispute_id", d.id);
        n.put("create_time", d.created.toString());
        n.put("update_time", d.updated.toString());
        ObjectNode tx = n.putArray("disputed_transactions").addObject();
        tx.put("seller_transaction_id", c.id);
        tx.put("create_time", c.created.toString());
        tx.put("transaction_status", c.status);
        tx.set("gross_amount", sandbox.money(c.amount, currency));
        if (c.order.customId != null) {
            tx.put("custom", c.order.customId);
        }
        n.put("reason", d.reason);
        n.put("status", d.status);
        n.set("dispute_amount", sandbox.money(d.amount, currency));
        n.put("dispute_life_cycle_stage", d.stage);
        n.put("dispute_channel", "INTERNAL");
        n.put("seller_response_due_date", d.created.plus(Duration.ofDays(10)).toString());
        if (!d.evidences.isEmpty()) {
            ArrayNode list = n.putArray("evidences");
            d.evidences.forEach(e -> list.add(e.deepCopy()));
        }
        if (d.outcome != null) {
            ObjectNode outcome = n.putObject("dispute_outcome");
            outcome.put("outcome_code", d.outcome);
            if ("RESOLVED_BUYER_FAVOUR".equals(d.outcome)) {
                outcome.set("amount_refunded", sandbox.money(d.amount, currency));
            }
        }
        ArrayNode links = n.putArray("links");
        String self = base + "/v1/customer/disputes/" + d.id;
        PayPalSandbox.link(links, self, "self", "GET");
        if ("WAITING_FOR_SELLER_RESPONSE".equals(d.status)) {
            PayPalSandbox.link(links, self + "/provide-evidence", "provide_evidence", "POST");
        }
        if ("OPEN".equals(d.status) || "WAITING_FOR_SELLER_RESPONSE".equals(d.status)) {
            PayPalSandbox.link(links, self + "/accept-claim", "accept_claim", "POST");
        }
        if ("UNDER_REVIEW".equals(d.status)) {
            PayPalSandbox.link(links, self + "/adjudicate", "adjudicate", "POST");
        }
        return n;
    }
}
