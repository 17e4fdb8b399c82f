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
 * @param stage             answers to a status query only: where the payment stands at the provider
 *                          ({@code null}: the connector did not say, read it as {@link PaymentStage#PENDING})
 * @param amountCaptured    with {@link PaymentStage#CAPTURED}: how much the provider captured (minor units)
 * @param authenticationVersion the 3-D Secure protocol version the provider reports for the payment's
 *                          authentication ({@code 2.2.0}), when it says; {@code null} otherwise
 */
public record ConnectorResult(Outcome outcome, String providerReference, String errorCode, String declineCode,
        String message, String actionUrl, Map<String, Object> instructions, PaymentStage stage, Long amountCaptured,
        String authenticationVersion) {

    /** An answer without 3-D Secure details. */
    public ConnectorResult(Outcome outcome, String providerReference, String errorCode, String declineCode,
            String message, String actionUrl, Map<String, Object> instructions, PaymentStage stage, Long amountCaptured) {
        this(outcome, providerReference, errorCode, declineCode, message, actionUrl, instructions, stage, amountCaptured,
                null);
    }

    /** This answer, with the 3-D Secure version the provider reported. */
    public ConnectorResult withAuthenticationVersion(String version) {
        return new ConnectorResult(outcome, providerReference, errorCode, declineCode, message, actionUrl, instructions,
                stage, amountCaptured, version);
    }

    /** An answer to an operation other than a status query: no stage. */
    public ConnectorResult(Outcome outcome, String providerReference, String errorCode, String declineCode,
            String message, String actionUrl, Map<String, Object> instructions) {
        this(outcome, providerReference, errorCode, declineCode, message, actionUrl, instructions, null, null);
    }

    /** This status answer, saying that the payment is at {@code stage} (not captured). */
    public ConnectorResult at(PaymentStage stage) {
        return new ConnectorResult(outcome, providerReference, errorCode, declineCode, message, actionUrl, instructions,
                stage, null, authenticationVersion);
    }

    /** This status answer, saying that the provider captured {@code amount} (minor units). */
    public ConnectorResult capturedAt(long amount) {
        return new ConnectorResult(outcome, providerReference, errorCode, declineCode, message, actionUrl, instructions,
                PaymentStage.CAPTURED, amount, authenticationVersion);
    }

    /** The stage a status query reported; {@link PaymentStage#PENDING} when it did not say. */
    public PaymentStage stageOrPending() {
        return stage == null ? PaymentStage.PENDING : stage;
    }

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
