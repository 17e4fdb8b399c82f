package dev.payrail.connector;

import java.util.Map;

/**
 * A provider's answer in Payrail's terms.
 *
 * @param providerReference the provider's own id for the object (stored on the payment or refund)
 * @param errorCode         stable code when not succeeded ({@code card_declined}, {@code provider_unavailable}, ...)
 * @param declineCode       the issuer's reason for a decline ({@code insufficient_funds}, ...)
 * @param actionUrl         where the customer must go when {@link Outcome#REQUIRES_ACTION}
 * @param instructions      what the customer must do for {@link Outcome#PENDING} methods (bank transfer details)
 */
public record ConnectorResult(Outcome outcome, String providerReference, String errorCode, String declineCode,
        String message, String actionUrl, Map<String, Object> instructions) {

    public static ConnectorResult succeeded(String reference) {
        return new ConnectorResult(Outcome.SUCCEEDED, reference, null, null, null, null, null);
    }

    public static ConnectorResult declined(String reference, String errorCode, String declineCode, String message) {
        return new ConnectorResult(Outcome.DECLINED, reference, errorCode, declineCode, message, null, null);
    }

    public static ConnectorResult pending(String reference, Map<String, Object> instructions) {
        return new ConnectorResult(Outcome.PENDING, reference, null, null, null, null, instructions);
    }

    public static ConnectorResult requiresAction(String reference, String actionUrl) {
        return new ConnectorResult(Outcome.REQUIRES_ACTION, reference, null, null, null, actionUrl, null);
    }

    public static ConnectorResult unknown(String reference, String message) {
        return new ConnectorResult(Outcome.UNKNOWN, reference, "provider_timeout", null, message, null, null);
    }

    /** The error code of {@link #noRecord}. */
    public static final String NO_RECORD = "provider_no_record";

    /**
     * The answer to a status query when the provider says it has no record of the payment. Only
     * this — not a failed status query — lets the reconciler conclude that nothing was charged.
     */
    public static ConnectorResult noRecord(String message) {
        return new ConnectorResult(Outcome.NOT_SENT, null, NO_RECORD, null, message, null, null);
    }

    public static ConnectorResult notSent(String message) {
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_unavailable", null, message, null, null);
    }

    public boolean is(Outcome o) {
        return outcome == o;
    }
}
