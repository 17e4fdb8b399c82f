package dev.payrail.connector;

import java.util.EnumSet;
import java.util.Set;

/**
 * The operations a provider offers. A connector declares its own ({@link PaymentConnector#operations()});
 * an operation it does not offer is refused before anything is written or sent.
 */
public enum Operation {
    AUTHORIZE, CAPTURE, PARTIAL_CAPTURE, VOID, REFUND, PARTIAL_REFUND, PAYMENT_STATUS, REFUND_STATUS;

    /** Every operation: for providers that offer the whole contract. */
    public static Set<Operation> all() {
        return EnumSet.allOf(Operation.class);
    }
}
