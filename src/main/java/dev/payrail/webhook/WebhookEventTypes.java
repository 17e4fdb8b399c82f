package dev.payrail.webhook;

import java.util.Set;
import java.util.TreeSet;

import dev.payrail.event.EventTypes;
import dev.payrail.payment.PaymentStatus;

/**
 * The event types a merchant can subscribe to. {@code webhook.test} is among them (the delivery log
 * filters on it) although every enabled endpoint takes it anyway.
 */
public final class WebhookEventTypes {

    /** Every event type a merchant can subscribe to (and the delivery log can be filtered by). */
    public static final Set<String> ALL;

    static {
        Set<String> all = new TreeSet<>();
        all.add(EventTypes.PAYMENT_CREATED);
        for (PaymentStatus s : PaymentStatus.values()) {
            if (s != PaymentStatus.UNKNOWN && s != PaymentStatus.CREATED) {
                all.add(EventTypes.forPayment(s));
            }
        }
        all.add(EventTypes.REFUND_CREATED);
        all.add(EventTypes.REFUND_PROCESSED);
        all.add(EventTypes.REFUND_FAILED);
        all.add(EventTypes.PAYMENT_REVIEW_OPENED);
        all.add(EventTypes.PAYMENT_REVIEW_CLOSED);
        all.add(EventTypes.DISPUTE_CREATED);
        all.add(EventTypes.DISPUTE_UPDATED);
        all.add(EventTypes.DISPUTE_CLOSED);
        all.add(EventTypes.INVOICE_CREATED);
        all.add(EventTypes.INVOICE_FINALIZED);
        all.add(EventTypes.INVOICE_PAID);
        all.add(EventTypes.INVOICE_PAYMENT_FAILED);
        all.add(EventTypes.INVOICE_VOIDED);
        all.add(EventTypes.INVOICE_MARKED_UNCOLLECTIBLE);
        all.add(EventTypes.SUBSCRIPTION_CREATED);
        all.add(EventTypes.SUBSCRIPTION_UPDATED);
        all.add(EventTypes.SUBSCRIPTION_DELETED);
        all.add(EventTypes.WEBHOOK_TEST);
        ALL = Set.copyOf(all);
    }

    private WebhookEventTypes() {
    }
}
