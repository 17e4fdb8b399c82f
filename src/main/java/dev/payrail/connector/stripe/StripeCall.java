package dev.payrail.connector.stripe;

import dev.payrail.connector.CallReach;

/**
 * One request to Stripe. Never printed with its body or key: the body may carry card data.
 *
 * @param reach whether a try of this call may have reached Stripe ({@link CallReach})
 */
record StripeCall(Kind kind, String secretKey, String idempotencyKey, String objectId, String body,
        CallReach reach) {

    enum Kind {
        CREATE, CAPTURE, CANCEL, REFUND, RETRIEVE, SEARCH, RETRIEVE_REFUND, LIST_REFUNDS, CREATE_CUSTOMER, DETACH
    }

    static StripeCall post(Kind kind, String secretKey, String idempotencyKey, String objectId, String form) {
        return new StripeCall(kind, secretKey, idempotencyKey, objectId, form, new CallReach());
    }

    /** A GET; for SEARCH the query travels in {@code body}; for LIST_REFUNDS the object is the PaymentIntent. */
    static StripeCall get(Kind kind, String secretKey, String objectIdOrQuery) {
        return kind == Kind.SEARCH ? new StripeCall(kind, secretKey, null, null, objectIdOrQuery, new CallReach())
                : new StripeCall(kind, secretKey, null, objectIdOrQuery, null, new CallReach());
    }

    @Override
    public String toString() {
        return "StripeCall[" + kind + ", " + objectId + ", key=" + idempotencyKey + "]";
    }
}
