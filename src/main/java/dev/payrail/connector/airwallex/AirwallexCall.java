package dev.payrail.connector.airwallex;

import dev.payrail.connector.CallReach;

/**
 * One request to Airwallex. Never printed with its body or credentials: the body may carry card data.
 *
 * @param auth     {@code Bearer <token>}; for LOGIN the client id
 * @param apiKey   for LOGIN only
 * @param objectId the intent or refund in the path, or the filter of a list
 * @param reach    whether a try of this call may have reached Airwallex ({@link CallReach})
 */
record AirwallexCall(Kind kind, String auth, String apiKey, String objectId, String body, CallReach reach) {

    enum Kind {
        LOGIN, CREATE, CONFIRM, CAPTURE, CANCEL, RETRIEVE, LIST_INTENTS, REFUND, RETRIEVE_REFUND, LIST_REFUNDS
    }

    static AirwallexCall login(String clientId, String apiKey) {
        return new AirwallexCall(Kind.LOGIN, clientId, apiKey, null, null, new CallReach());
    }

    static AirwallexCall post(Kind kind, String token, String objectId, String body) {
        return new AirwallexCall(kind, "Bearer " + token, null, objectId, body, new CallReach());
    }

    static AirwallexCall get(Kind kind, String token, String objectIdOrFilter) {
        return new AirwallexCall(kind, "Bearer " + token, null, objectIdOrFilter, null, new CallReach());
    }

    @Override
    public String toString() {
        return "AirwallexCall[" + kind + ", " + objectId + "]";
    }
}
