package dev.payrail.connector.braintree;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.ProviderEvent.Kind;
import dev.payrail.connector.braintree.BraintreeXml.Node;

/**
 * Braintree webhook notifications ({@code <notification><kind/><timestamp/><subject/></notification>})
 * in Payrail's terms. A {@code transaction_settled} sale confirms the capture; a settled credit is a
 * processed refund; {@code transaction_settlement_declined} fails the one or the other;
 * {@code dispute_opened} disputes the payment. Disbursements, {@code check} and the other kinds
 * move nothing Payrail tracks.
 */
final class BraintreeEvents {

    private BraintreeEvents() {
    }

    static ProviderEvent translate(String eventId, Node notification, AmountUnits units) {
        String kind = BraintreeMapping.orElse(notification.text("kind"), "unknown");
        Node subject = notification.child("subject");
        Node tx = subject == null ? null : subject.child("transaction");
        return switch (kind) {
            case "transaction_settled" -> onTransaction(eventId, kind, tx, units, Kind.CAPTURED, Kind.REFUND_PROCESSED);
            case "transaction_settlement_declined" ->
                onTransaction(eventId, kind, tx, units, Kind.FAILED, Kind.REFUND_FAILED);
            case "dispute_opened", "dispute_under_review", "dispute_disputed", "dispute_won", "dispute_lost",
                    "dispute_accepted", "dispute_auto_accepted", "dispute_expired" -> {
                Node dispute = subject == null ? null : subject.child("dispute");
                Node disputed = dispute == null ? null : dispute.child("transaction");
                yield ProviderEvent.dispute(eventId, kind, disputed == null ? null : disputed.text("id"),
                        dispute == null ? null : dispute(dispute, kind, units));
            }
            default -> new ProviderEvent(eventId, kind, tx == null ? null : tx.text("id"), Kind.IGNORED, null, null);
        };
    }

    /**
     * A Braintree dispute in Stripe's dispute statuses: a {@code retrieval} (a request for
     * information) is an inquiry ({@code warning_*}); accepted, auto-accepted and expired disputes
     * are lost. A chargeback takes the disputed amount when it opens and gives it back when won. The status comes from the dispute's {@code status}, else from the notification kind.
     */
    static DisputeDetails dispute(Node d, String kind, AmountUnits units) {
        boolean retrieval = "retrieval".equals(d.text("kind"));
        String bt = BraintreeMapping.orElse(d.text("status"), kind.substring("dispute_".length()));
        String status = switch (bt) {
            case "open", "opened" -> retrieval ? DisputeDetails.WARNING_NEEDS_RESPONSE : DisputeDetails.NEEDS_RESPONSE;
            case "disputed", "under_review" -> retrieval ? DisputeDetails.WARNING_UNDER_REVIEW : DisputeDetails.UNDER_REVIEW;
            case "won" -> retrieval ? DisputeDetails.WARNING_CLOSED : DisputeDetails.WON;
            case "lost", "accepted", "auto_accepted", "expired" -> retrieval ? DisputeDetails.WARNING_CLOSED
                    : DisputeDetails.LOST;
            default -> null;
        };
        String currency = d.text("currency-iso-code");
        Long amount = null;
        if (currency != null && d.text("amount-disputed") != null) {
            try {
                amount = units.fromProvider(currency, d.text("amount-disputed"));
            } catch (AmountUnits.NotRepresentable e) {
                amount = null;
            }
        }
        String reply = d.text("reply-by-date");
        java.time.Instant due = null;
        if (reply != null && reply.matches("\\d{4}-\\d{2}-\\d{2}")) {
            due = java.time.LocalDate.parse(reply).atTime(23, 59, 59).toInstant(java.time.ZoneOffset.UTC);
        }
        String reason = d.text("reason");
        return new DisputeDetails(d.text("id"), status, reason, amount, currency, due,
                retrieval ? null : amount, DisputeDetails.WON.equals(status) ? amount : null);
    }

    private static ProviderEvent onTransaction(String eventId, String kind, Node tx, AmountUnits units, Kind onSale,
            Kind onCredit) {
        if (tx == null || tx.text("id") == null) {
            return new ProviderEvent(eventId, kind, null, Kind.IGNORED, null, null);
        }
        boolean credit = "credit".equals(tx.text("type"));
        Long amount = BraintreeMapping.amount(tx, units, null);
        String decline = !credit && onSale == Kind.FAILED ? "settlement_declined" : null;
        return new ProviderEvent(eventId, kind, tx.text("id"), credit ? onCredit : onSale, amount, decline);
    }
}
