package dev.payrail.event;

/** The event types written to the outbox. */
public final class EventTypes {

    public static final String PAYMENT_CREATED = "payment.created";
    public static final String REFUND_CREATED = "refund.created";
    public static final String REFUND_PROCESSED = "refund.processed";
    public static final String REFUND_FAILED = "refund.failed";
    /** A payment was held for review by the fraud rules (authorized, not captured). */
    public static final String PAYMENT_REVIEW_OPENED = "payment.review_opened";
    /** The merchant approved (captured) or rejected (voided) a payment held for review. */
    public static final String PAYMENT_REVIEW_CLOSED = "payment.review_closed";
    public static final String DISPUTE_CREATED = "dispute.created";
    public static final String DISPUTE_UPDATED = "dispute.updated";
    public static final String DISPUTE_CLOSED = "dispute.closed";
    public static final String INVOICE_CREATED = "invoice.created";
    public static final String INVOICE_FINALIZED = "invoice.finalized";
    public static final String INVOICE_PAID = "invoice.paid";
    public static final String INVOICE_PAYMENT_FAILED = "invoice.payment_failed";
    public static final String INVOICE_VOIDED = "invoice.voided";
    public static final String INVOICE_MARKED_UNCOLLECTIBLE = "invoice.marked_uncollectible";
    public static final String SUBSCRIPTION_CREATED = "customer.subscription.created";
    public static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";
    public static final String SUBSCRIPTION_DELETED = "customer.subscription.deleted";
    /**
     * A test event the merchant asked for (dashboard or API): delivered to the endpoint whatever
     * event types it takes ({@link Outbox#deliverable}), signed like every other event.
     */
    public static final String WEBHOOK_TEST = "webhook.test";

    /**
     * A payment status as announced: its public name. The payment package's status implements it,
     * so that this package needs nothing from the payment package.
     */
    public interface AnnouncedStatus {
        String publicName();
    }

    private EventTypes() {
    }

    /** {@code payment.<status>} for the status a payment moved to ({@code unknown} is not announced). */
    public static String forPayment(AnnouncedStatus status) {
        return "payment." + status.publicName();
    }
}
