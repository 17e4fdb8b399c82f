package dev.payrail.connector.alipay;

/** Alipay's raw answer: HTTP status and body text (signatures are over the text). */
record AlipayResponse(int status, String body) {

    @Override
    public String toString() {
        return "AlipayResponse[" + status + "]";
    }
}
