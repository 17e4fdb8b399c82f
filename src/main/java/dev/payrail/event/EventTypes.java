package dev.payrail.event;

import dev.payrail.payment.PaymentStatus;

/** The event types written to the outbox. */
public final class EventTypes {

    public static final String PAYMENT_CREATED = "payment.created";
    public static final String REFUND_CREATED = "refund.created";
    public static final String REFUND_PROCESSED = "refund.processed";
    public static final String REFUND_FAILED = "refund.failed";

    private EventTypes() {
    }

    /** {@code payment.<status>} for the status a payment moved to ({@code unknown} is not announced). */
    public static String forPayment(PaymentStatus status) {
        return "payment." + status.publicName();
    }
}
