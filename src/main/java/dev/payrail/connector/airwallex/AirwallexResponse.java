package dev.payrail.connector.airwallex;

/** Airwallex's answer: status and JSON body. */
record AirwallexResponse(int status, String body) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "AirwallexResponse[" + status + "]";
    }
}
