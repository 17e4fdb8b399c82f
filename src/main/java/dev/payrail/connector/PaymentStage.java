package dev.payrail.connector;

/**
 * Where a payment stands at the provider, as a status query reports it: what the reconciler needs
 * to settle a capture or void whose answer was lost or pending. Connectors map the provider's
 * statuses exhaustively; anything not explicitly one of the others is {@link #PENDING}.
 */
public enum PaymentStage {
    /** Not settled yet at the provider (processing, waiting for the payer, a status added later). */
    PENDING,
    /** Authorized and not captured: a capture did not take effect, a void not either. */
    AUTHORIZED,
    /** Captured; {@link ConnectorResult#amountCaptured()} says how much. */
    CAPTURED,
    /** The authorization was voided (cancelled) and can no longer be captured. */
    VOIDED,
    /** Declined, denied or expired: no money was or will be taken. */
    FAILED
}
