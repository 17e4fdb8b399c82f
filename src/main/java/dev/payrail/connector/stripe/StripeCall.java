package dev.payrail.connector.stripe;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request to Stripe. Never printed with its body or key: the body may carry card data.
 *
 * @param reached set once a try of this call may have reached Stripe (an ambiguous answer or a lost
 *                connection), so that a later retry refused by the breaker is not taken as "nothing sent"
 */
record StripeCall(Kind kind, String secretKey, String idempotencyKey, String objectId, String body,
        AtomicBoolean reached) {

    enum Kind {
        CREATE, CAPTURE, CANCEL, REFUND, RETRIEVE, SEARCH, RETRIEVE_REFUND, LIST_REFUNDS
    }

    static StripeCall post(Kind kind, String secretKey, String idempotencyKey, String objectId, String form) {
        return new StripeCall(kind, secretKey, idempotencyKey, objectId, form, new AtomicBoolean());
    }

    /** A GET; for SEARCH the query travels in {@code body}; for LIST_REFUNDS the object is the PaymentIntent. */
    static StripeCall get(Kind kind, String secretKey, String objectIdOrQuery) {
        return kind == Kind.SEARCH ? new StripeCall(kind, secretKey, null, null, objectIdOrQuery, new AtomicBoolean())
                : new StripeCall(kind, secretKey, null, objectIdOrQuery, null, new AtomicBoolean());
    }

    @Override
    public String toString() {
        return "StripeCall[" + kind + ", " + objectId + ", key=" + idempotencyKey + "]";
    }
}
