package dev.payrail.connector.stripe;

/** Stripe's answer: status and JSON body. */
record StripeResponse(int status, String body) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "StripeResponse[" + status + "]";
    }
}
