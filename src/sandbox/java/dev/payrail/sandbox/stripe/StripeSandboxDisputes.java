package dev.payrail.sandbox.stripe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.SandboxConfig;
import dev.payrail.sandbox.stripe.StripeSandbox.Reply;

/**
 * Stripe's Disputes in the emulator. A test helper opens a dispute (or an inquiry) on a succeeded
 * PaymentIntent's charge and sends {@code charge.dispute.created} (and, for a chargeback,
 * {@code charge.dispute.funds_withdrawn}) as Stripe does; {@code POST /v1/disputes/{id}} stages or
 * submits evidence ({@code submit} defaults to true, as at Stripe) and {@code POST /v1/disputes/{id}/close}
 * concedes. As in Stripe's test mode, submitted evidence whose {@code uncategorized_text} is
 * {@code winning_evidence} wins the dispute and {@code losing_evidence} loses it (with
 * {@code charge.dispute.closed}, and {@code charge.dispute.funds_reinstated} when won).
 */
@Singleton
public class StripeSandboxDisputes {

    static final Set<String> REASONS = Set.of("bank_cannot_process", "check_returned", "credit_not_processed",
            "customer_initiated", "debit_not_authorized", "duplicate", "fraudulent", "general",
            "incorrect_account_details", "insufficient_funds", "product_not_received", "product_unacceptable",
            "subscription_canceled", "unrecognized");
    static final List<String> EVIDENCE_FIELDS = List.of("access_activity_log", "billing_address", "cancellation_policy",
            "cancellation_policy_disclosure", "cancellation_rebuttal", "customer_communication", "customer_email_address",
            "customer_name", "customer_purchase_ip", "customer_signature", "duplicate_charge_documentation",
            "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt", "refund_policy",
            "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
            "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
            "uncategorized_file", "uncategorized_text");

    /** How long after answering a submission the emulator decides a dispute whose evidence asks for it. */
    static final Duration DECISION_DELAY = Duration.ofMillis(300);

    private final StripeSandbox sandbox;
    private final StripeSandboxWebhooks webhooks;
    private final Recent<String, Stored> disputes;

    StripeSandboxDisputes(StripeSandbox sandbox, StripeSandboxWebhooks webhooks, SandboxConfig config) {
        this.sandbox = sandbox;
        this.webhooks = webhooks;
        this.disputes = new Recent<>(config.rememberedPayments());
    }

    /** A dispute and the account it belongs to. Mutated only while synchronized on itself. */
    static final class Stored {
        final String account;
        final Map<String, Object> json;
        final List<Map<String, Object>> balanceTransactions = new ArrayList<>();
        final Map<String, Object> evidence = new LinkedHashMap<>();
        int submissions;

        Stored(String account, Map<String, Object> json) {
            this.account = account;
            this.json = json;
        }

        String status() {
            return (String) json.get("status");
        }

        long amount() {
            return ((Number) json.get("amount")).longValue();
        }

        Map<String, Object> current() {
            Map<String, Object> j = new LinkedHashMap<>(json);
            j.put("balance_transactions", List.copyOf(balanceTransactions));
            j.put("evidence", new LinkedHashMap<>(evidence));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("due_by", json.get("due_by"));
            details.put("has_evidence", evidence.values().stream().anyMatch(v -> v != null));
            details.put("past_due", false);
            details.put("submission_count", submissions);
            j.remove("due_by");
            j.put("evidence_details", details);
            j.put("is_charge_refundable", ((String) json.get("status")).startsWith("warning"));
            return j;
        }

        void balance(long amount, String description) {
            Map<String, Object> bt = new LinkedHashMap<>();
            bt.put("id", "txn_" + Ids.random(24));
            bt.put("object", "balance_transaction");
            bt.put("amount", amount);
            bt.put("currency", json.get("currency"));
            bt.put("description", description);
            bt.put("fee", amount < 0 ? 1500 : 0);
            bt.put("net", amount < 0 ? amount - 1500 : amount);
            bt.put("reporting_category", "dispute" + (amount > 0 ? "_reversal" : ""));
            bt.put("type", "adjustment");
            balanceTransactions.add(bt);
        }
    }

    /** Test helper: opens a dispute ({@code inquiry=true}: an inquiry) on the caller's succeeded intent. */
    Reply open(String account, Map<String, String> form) {
        String pi = form.get("payment_intent");
        StripeSandbox.Intent intent = sandbox.ownedIntent(account, pi);
        if (intent == null) {
            return StripeErrors.missing("payment_intent", "No such payment_intent: '" + pi + "'");
        }
        String reason = form.getOrDefault("reason", "fraudulent");
        if (!REASONS.contains(reason)) {
            return StripeErrors.invalid("reason", "parameter_invalid_string", "Invalid reason: " + reason);
        }
        boolean inquiry = "true".equals(form.get("inquiry"));
        Map<String, Object> json = new LinkedHashMap<>();
        long amount;
        synchronized (intent) {
            if (!"succeeded".equals(intent.status) || intent.amountReceived == 0) {
                return StripeErrors.invalid("payment_intent", "charge_not_disputable",
                        "This PaymentIntent has no successful charge to dispute.");
            }
            amount = form.containsKey("amount") ? Long.parseLong(form.get("amount")) : intent.amountReceived;
            json.put("id", "du_" + Ids.random(24));
            json.put("object", "dispute");
            json.put("amount", amount);
            json.put("charge", intent.latestCharge);
            json.put("created", Instant.now().getEpochSecond());
            json.put("currency", intent.currency);
            json.put("due_by", Instant.now().plus(Duration.ofDays(inquiry ? 10 : 21)).getEpochSecond());
            json.put("livemode", false);
            json.put("metadata", Map.of());
            json.put("payment_intent", intent.id);
            json.put("reason", reason);
            json.put("status", inquiry ? "warning_needs_response" : "needs_response");
        }
        Stored d = new Stored(account, json);
        for (String f : EVIDENCE_FIELDS) {
            d.evidence.put(f, null);
        }
        disputes.put((String) json.get("id"), d);
        Map<String, Object> created;
        Map<String, Object> withdrawn = null;
        synchronized (d) {
            created = d.current();
            if (!inquiry) {
                d.balance(-amount, "Chargeback withdrawal for " + intent.latestCharge);
                withdrawn = d.current();
            }
        }
        webhooks.send(account, "charge.dispute.created", created);
        if (withdrawn != null) {
            webhooks.send(account, "charge.dispute.funds_withdrawn", withdrawn);
        }
        return Reply.ok(withdrawn != null ? withdrawn : created);
    }

    Reply retrieve(String account, String id) {
        Stored d = owned(account, id);
        if (d == null) {
            return StripeErrors.missing("dispute", "No such dispute: '" + id + "'");
        }
        synchronized (d) {
            return Reply.ok(d.current());
        }
    }

    /** {@code POST /v1/disputes/{id}}: {@code evidence[…]}, {@code submit} (default true), {@code metadata[…]}. */
    Reply update(String account, String id, Map<String, String> form) {
        Stored d = owned(account, id);
        if (d == null) {
            return StripeErrors.missing("dispute", "No such dispute: '" + id + "'");
        }
        Map<String, Object> answer;
        String decision = null;
        synchronized (d) {
            if (!d.status().endsWith("needs_response")) {
                return StripeErrors.invalid(null, null, "This dispute is already " + (d.status().endsWith("closed")
                        || d.status().equals("won") || d.status().equals("lost") ? "closed" : "under review")
                        + " and can no longer be updated.");
            }
            for (Map.Entry<String, String> e : form.entrySet()) {
                String k = e.getKey();
                if (k.startsWith("evidence[") && k.endsWith("]")) {
                    String field = k.substring(9, k.length() - 1);
                    if (!EVIDENCE_FIELDS.contains(field)) {
                        return StripeErrors.invalid("evidence[" + field + "]", "parameter_unknown",
                                "Received unknown parameter: evidence[" + field + "]");
                    }
                }
            }
            form.forEach((k, v) -> {
                if (k.startsWith("evidence[") && k.endsWith("]")) {
                    d.evidence.put(k.substring(9, k.length() - 1), v);
                }
            });
            boolean submit = !"false".equals(form.get("submit"));
            if (submit) {
                d.submissions++;
                d.json.put("status", d.status().startsWith("warning") ? "warning_under_review" : "under_review");
            }
            answer = d.current();
            Object text = d.evidence.get("uncategorized_text");
            if (submit && ("winning_evidence".equals(text) || "losing_evidence".equals(text))) {
                decision = (String) text;
            }
        }
        webhooks.send(d.account, "charge.dispute.updated", answer);
        if (decision != null) {
            boolean won = "winning_evidence".equals(decision);
            // Stripe decides a test dispute moments after it answered the submission, not within it: the
            // answer says under_review, and the decision arrives by webhook.
            webhooks.later(DECISION_DELAY, () -> decide(d, won));
        }
        return Reply.ok(answer);
    }

    /** Closes a submitted dispute as Stripe's test evidence asks: won (funds reinstated) or lost. */
    private void decide(Stored d, boolean won) {
        List<String> events = new ArrayList<>();
        List<Map<String, Object>> objects = new ArrayList<>();
        synchronized (d) {
            if (!d.status().endsWith("under_review")) {
                return; // closed by the merchant meanwhile
            }
            boolean warning = d.status().startsWith("warning");
            d.json.put("status", warning ? "warning_closed" : won ? "won" : "lost");
            events.add("charge.dispute.closed");
            objects.add(d.current());
            if (won && !warning) {
                d.balance(d.amount(), "Chargeback reversal");
                events.add("charge.dispute.funds_reinstated");
                objects.add(d.current());
            }
        }
        for (int i = 0; i < events.size(); i++) {
            webhooks.send(d.account, events.get(i), objects.get(i));
        }
    }

    /** {@code POST /v1/disputes/{id}/close}: the merchant concedes; the dispute is lost (an inquiry: closed). */
    Reply close(String account, String id) {
        Stored d = owned(account, id);
        if (d == null) {
            return StripeErrors.missing("dispute", "No such dispute: '" + id + "'");
        }
        Map<String, Object> answer;
        synchronized (d) {
            String s = d.status();
            if (s.equals("won") || s.equals("lost") || s.equals("warning_closed")) {
                return StripeErrors.invalid(null, null, "This dispute is already closed.");
            }
            d.json.put("status", s.startsWith("warning") ? "warning_closed" : "lost");
            answer = d.current();
        }
        webhooks.send(d.account, "charge.dispute.closed", answer);
        return Reply.ok(answer);
    }

    private Stored owned(String account, String id) {
        Stored d = id == null ? null : disputes.get(id);
        return d != null && d.account.equals(account) ? d : null;
    }
}
