package dev.payrail.connector.braintree;

import dev.payrail.connector.CallReach;

/**
 * One request to the Braintree gateway. Never printed with its body or credentials: a sale carries
 * card data.
 *
 * @param merchantId the Braintree merchant id of the path ({@code /merchants/{merchantId}})
 * @param repeatable whether it may be resent after an ambiguous failure: reads and searches only.
 *                   Braintree has no idempotency header; a sale or refund whose answer may have been
 *                   lost is searched for by its {@code order-id} before it is ever sent again
 * @param reach      whether a try of this call may have reached Braintree ({@link CallReach})
 */
record BraintreeCall(Kind kind, String auth, String merchantId, String objectId, String body, boolean repeatable,
        CallReach reach) {

    enum Kind {
        SALE, FIND, SUBMIT_FOR_SETTLEMENT, VOID, REFUND, SEARCH_IDS, SEARCH
    }

    /** A sale, capture, void or refund: changes money, never resent blindly. */
    static BraintreeCall write(Kind kind, BraintreeAuth auth, String objectId, String body) {
        return new BraintreeCall(kind, auth.header(), auth.merchantId(), objectId, body, false, new CallReach());
    }

    /** A find or a search. */
    static BraintreeCall read(Kind kind, BraintreeAuth auth, String objectId, String body) {
        return new BraintreeCall(kind, auth.header(), auth.merchantId(), objectId, body, true, new CallReach());
    }

    @Override
    public String toString() {
        return "BraintreeCall[" + kind + ", " + objectId + "]";
    }
}
