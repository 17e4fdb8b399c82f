package dev.payrail.connector;

/** What a connector can be asked to do; a connector declares the ones it offers in {@link PaymentConnector#operations()}. */
public enum Operation {
    AUTHORIZE,
    CAPTURE,
    PARTIAL_CAPTURE,
    VOID,
    REFUND,
    PARTIAL_REFUND,
    PAYMENT_STATUS,
    REFUND_STATUS
}
