package dev.payrail.connector;

/**
 * A verified provider webhook in Payrail's terms.
 *
 * @param eventId           the provider's own event id (de-duplication key)
 * @param eventType         the provider's event type, as sent (for the log)
 * @param providerReference the provider's id of the payment (or of the refund for refund events)
 * @param kind              what happened, in our terms
 * @param amount            the amount concerned in minor units, when the provider says
 * @param declineCode       the decline reason for {@link Kind#FAILED}
 */
public record ProviderEvent(String eventId, String eventType, String providerReference, Kind kind, Long amount,
        String declineCode) {

    public enum Kind {
        AUTHORIZED, CAPTURED, FAILED, CANCELLED, REFUND_PROCESSED, REFUND_FAILED, DISPUTED,
        /** Verified, but nothing Payrail acts on. */
        IGNORED
    }
}
