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
 * @param dispute           for {@link Kind#DISPUTED}: the dispute as the event reported it, when the
 *                          connector reads it ({@code providerReference} is then the disputed payment's)
 */
public record ProviderEvent(String eventId, String eventType, String providerReference, Kind kind, Long amount,
        String declineCode, DisputeDetails dispute) {

    public ProviderEvent(String eventId, String eventType, String providerReference, Kind kind, Long amount,
            String declineCode) {
        this(eventId, eventType, providerReference, kind, amount, declineCode, null);
    }

    /** An event about a dispute of the payment the provider knows as {@code paymentReference}. */
    public static ProviderEvent dispute(String eventId, String eventType, String paymentReference, DisputeDetails d) {
        return new ProviderEvent(eventId, eventType, paymentReference, Kind.DISPUTED, d == null ? null : d.amount(),
                d == null ? null : d.reason(), d);
    }

    public enum Kind {
        AUTHORIZED, CAPTURED, FAILED, CANCELLED, REFUND_PROCESSED, REFUND_FAILED, DISPUTED,
        /** Verified, but nothing Payrail acts on. */
        IGNORED
    }
}
