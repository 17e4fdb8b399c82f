package dev.payrail.connector.braintree;

import dev.payrail.connector.AmountUnits;
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
            case "dispute_opened" -> {
                Node disputed = subject == null ? null : subject.child("dispute/transaction");
                yield new ProviderEvent(eventId, kind, disputed == null ? null : disputed.text("id"), Kind.DISPUTED,
                        null, null);
            }
            default -> new ProviderEvent(eventId, kind, tx == null ? null : tx.text("id"), Kind.IGNORED, null, null);
        };
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
