package dev.payrail.connector;

/** What a provider said about an operation. Only SUCCEEDED and DECLINED are final. */
public enum Outcome {
    /** The provider did what was asked (authorized, captured, voided, refunded). */
    SUCCEEDED,
    /** The provider refused: final, never retried, never failed over. */
    DECLINED,
    /** Accepted, the result comes later (bank transfer, async refund). */
    PENDING,
    /** The customer must act (3-D Secure, approval page). */
    REQUIRES_ACTION,
    /** The request may have reached the provider but we do not know what happened. */
    UNKNOWN,
    /** The request provably did not reach the provider (connection refused, circuit open). */
    NOT_SENT
}
