package dev.payrail.connector.razorpay;

/** Razorpay's answer: status and JSON body. */
record RazorpayResponse(int status, String body) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "RazorpayResponse[" + status + "]";
    }
}
