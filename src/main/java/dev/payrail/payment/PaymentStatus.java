package dev.payrail.payment;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.payrail.event.EventTypes;

/**
 * The payment state machine, in one place. {@link #UNKNOWN} is internal: the provider may have
 * processed the request but did not tell us, so it is shown to merchants as {@code processing}
 * and never as failed. {@link #CAPTURE_PENDING} and {@link #CANCEL_PENDING} are entered before the
 * provider is asked to capture or void, and kept when its answer is unknown or pending until the
 * reconciler learns by a status query what the provider did: captured, voided, or still authorized
 * (the capture or void did not take effect; back to {@link #AUTHORIZED}).
 */
public enum PaymentStatus implements EventTypes.AnnouncedStatus {
    CREATED, PROCESSING, REQUIRES_ACTION, AUTHORIZED, CAPTURE_PENDING, CAPTURED, CANCEL_PENDING, FAILED, CANCELLED,
    PARTIALLY_REFUNDED, REFUNDED, DISPUTED, UNKNOWN;

    private static final Map<PaymentStatus, Set<PaymentStatus>> NEXT = Map.ofEntries(
            Map.entry(CREATED, EnumSet.of(PROCESSING, FAILED)),
            Map.entry(PROCESSING, EnumSet.of(REQUIRES_ACTION, AUTHORIZED, CAPTURED, FAILED, UNKNOWN)),
            Map.entry(UNKNOWN, EnumSet.of(PROCESSING, REQUIRES_ACTION, AUTHORIZED, CAPTURED, FAILED)),
            Map.entry(REQUIRES_ACTION, EnumSet.of(AUTHORIZED, CAPTURED, FAILED, UNKNOWN)),
            Map.entry(AUTHORIZED, EnumSet.of(CAPTURE_PENDING, CANCEL_PENDING, CAPTURED, CANCELLED)),
            Map.entry(CAPTURE_PENDING, EnumSet.of(CAPTURED, AUTHORIZED, CANCELLED, FAILED)),
            Map.entry(CANCEL_PENDING, EnumSet.of(CANCELLED, AUTHORIZED, CAPTURED, FAILED)),
            Map.entry(CAPTURED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED, DISPUTED)),
            Map.entry(PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED, DISPUTED)),
            Map.entry(REFUNDED, EnumSet.of(DISPUTED)),
            Map.entry(DISPUTED, EnumSet.noneOf(PaymentStatus.class)),
            Map.entry(FAILED, EnumSet.noneOf(PaymentStatus.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(PaymentStatus.class)));

    public boolean canMoveTo(PaymentStatus next) {
        return NEXT.get(this).contains(next);
    }

    /**
     * Whether a dispute the merchant won may return a {@link #DISPUTED} payment to {@code previous},
     * the status it had when the dispute opened: captured money only. This is the one way out of
     * {@code disputed}, apart from {@link #canMoveTo} (for which it stays final, so that no late or
     * repeated payment event can take a disputed payment anywhere).
     */
    public boolean canReturnFromDisputeTo(PaymentStatus previous) {
        return this == DISPUTED && previous != null && (previous == CAPTURED || previous == PARTIALLY_REFUNDED
                || previous == REFUNDED);
    }

    /** Waiting for the provider's answer to a capture or void: the reconciler settles it. */
    public boolean isOperationPending() {
        return this == CAPTURE_PENDING || this == CANCEL_PENDING;
    }

    /** Captured money that can still be refunded sits in one of these. */
    public boolean isRefundable() {
        return this == CAPTURED || this == PARTIALLY_REFUNDED;
    }

    public String dbName() {
        return name().toLowerCase();
    }

    /** What merchants see: {@code unknown} is reported as {@code processing}. */
    @JsonValue
    @Override
    public String publicName() {
        return this == UNKNOWN ? "processing" : dbName();
    }

    public static PaymentStatus fromDb(String value) {
        return valueOf(value.toUpperCase());
    }

    /** A status named in a list filter, or {@code null} when it is not one merchants can see. */
    public static PaymentStatus parsePublic(String value) {
        for (PaymentStatus s : values()) {
            if (s != UNKNOWN && s.dbName().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
