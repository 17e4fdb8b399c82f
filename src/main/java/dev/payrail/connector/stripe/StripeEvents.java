package dev.payrail.connector.stripe;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.DisputeDetails;

import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.ProviderEvent.Kind;
import dev.payrail.connector.WebhookRejectedException;

/** Verified Stripe events in Payrail's terms. */
final class StripeEvents {

    private StripeEvents() {
    }

    static ProviderEvent translate(JsonNode event) {
        String id = StripeMapping.text(event, "id");
        String type = StripeMapping.text(event, "type");
        if (id == null || type == null) {
            throw new WebhookRejectedException("Stripe event without id or type");
        }
        JsonNode o = event.path("data").path("object");
        String objectId = StripeMapping.text(o, "id");
        return switch (type) {
            case "payment_intent.succeeded" -> new ProviderEvent(id, type, objectId, Kind.CAPTURED,
                    amount(o, "amount_received"), null);
            case "payment_intent.amount_capturable_updated" -> new ProviderEvent(id, type, objectId, Kind.AUTHORIZED,
                    amount(o, "amount_capturable"), null);
            case "payment_intent.payment_failed" -> {
                JsonNode err = o.path("last_payment_error");
                String decline = StripeMapping.text(err, "decline_code");
                yield new ProviderEvent(id, type, objectId, Kind.FAILED, amount(o, "amount"),
                        decline != null ? decline : StripeMapping.text(err, "code"));
            }
            case "payment_intent.canceled" -> new ProviderEvent(id, type, objectId, Kind.CANCELLED, amount(o, "amount"), null);
            case "refund.updated", "refund.created", "charge.refund.updated", "refund.failed" -> refund(id, type, o);
            case "charge.refunded" -> {
                JsonNode refunds = o.path("refunds").path("data");
                yield refunds.isArray() && !refunds.isEmpty() ? refund(id, type, refunds.get(0))
                        : new ProviderEvent(id, type, objectId, Kind.IGNORED, null, null);
            }
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
                    "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated" ->
                ProviderEvent.dispute(id, type, StripeMapping.text(o, "payment_intent"), dispute(o, type));
            default -> new ProviderEvent(id, type, objectId, Kind.IGNORED, null, null);
        };
    }

    /**
     * A Stripe Dispute object: the funds withdrawn and reinstated are read from its
     * {@code balance_transactions} (negative: withdrawn, positive: reinstated), and at least the
     * disputed amount once a {@code funds_withdrawn} or {@code funds_reinstated} event says so.
     */
    static DisputeDetails dispute(JsonNode o, String eventType) {
        Long amount = amount(o, "amount");
        String currency = StripeMapping.text(o, "currency");
        long withdrawn = 0;
        long reinstated = 0;
        for (JsonNode bt : o.path("balance_transactions")) {
            long v = bt.path("amount").asLong(0);
            String btCurrency = StripeMapping.text(bt, "currency");
            Long minor = minor(btCurrency == null ? currency : btCurrency, Math.abs(v));
            if (minor == null) {
                continue;
            }
            if (v < 0) {
                withdrawn += minor;
            } else {
                reinstated += minor;
            }
        }
        if ("charge.dispute.funds_withdrawn".equals(eventType) && amount != null) {
            withdrawn = Math.max(withdrawn, amount);
        }
        if ("charge.dispute.funds_reinstated".equals(eventType) && amount != null) {
            reinstated = Math.max(reinstated, amount);
        }
        String status = StripeMapping.text(o, "status");
        JsonNode due = o.path("evidence_details").path("due_by");
        return new DisputeDetails(StripeMapping.text(o, "id"), status != null && DisputeDetails.STATUSES.contains(status) ? status : null,
                StripeMapping.text(o, "reason"), amount, currency == null ? null : currency.toUpperCase(Locale.ROOT),
                due.isIntegralNumber() ? Instant.ofEpochSecond(due.asLong()) : null, withdrawn, reinstated);
    }

    private static Long minor(String currency, long value) {
        if (currency == null) {
            return null;
        }
        try {
            return StripeConnector.UNITS.fromProvider(currency.toUpperCase(Locale.ROOT), value);
        } catch (AmountUnits.NotRepresentable e) {
            return null;
        }
    }

    private static ProviderEvent refund(String id, String type, JsonNode refund) {
        String status = StripeMapping.text(refund, "status");
        Kind kind = switch (status == null ? "" : status) {
            case "succeeded" -> Kind.REFUND_PROCESSED;
            case "failed", "canceled" -> Kind.REFUND_FAILED;
            default -> Kind.IGNORED;
        };
        return new ProviderEvent(id, type, StripeMapping.text(refund, "id"), kind, amount(refund, "amount"),
                StripeMapping.text(refund, "failure_reason"));
    }

    /**
     * The amount in Payrail's units (ISO minor units), read through {@link StripeConnector#UNITS}
     * with the object's own {@code currency}; {@code null} when either is missing or not exact.
     */
    private static Long amount(JsonNode o, String field) {
        JsonNode v = o.path(field);
        String currency = StripeMapping.text(o, "currency");
        if (!v.isIntegralNumber() || currency == null) {
            return null;
        }
        try {
            return StripeConnector.UNITS.fromProvider(currency.toUpperCase(Locale.ROOT), v.asLong());
        } catch (AmountUnits.NotRepresentable e) {
            return null;
        }
    }
}
