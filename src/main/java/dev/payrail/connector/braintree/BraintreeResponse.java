package dev.payrail.connector.braintree;

/** The gateway's answer: status and XML body. */
record BraintreeResponse(int status, String body) {

    /** 200 or 201: the document is the object asked for. */
    boolean ok() {
        return status == 200 || status == 201;
    }

    /** 422: an {@code <api-error-response>} (validation errors, or a declined transaction). */
    boolean unprocessable() {
        return status == 422;
    }

    /** 401 or 403: the credentials were refused; nothing was done. */
    boolean unauthorized() {
        return status == 401 || status == 403;
    }

    @Override
    public String toString() {
        return "BraintreeResponse[" + status + "]";
    }
}
