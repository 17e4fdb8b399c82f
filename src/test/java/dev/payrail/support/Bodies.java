package dev.payrail.support;

import java.time.Year;

/** Request bodies for payments. */
public final class Bodies {

    public static final int EXP_YEAR = Year.now().getValue() + 3;

    private Bodies() {
    }

    public static String card(String pan) {
        return "{\"number\":\"" + pan + "\",\"expiry_month\":12,\"expiry_year\":" + EXP_YEAR
                + ",\"cvc\":\"123\",\"holder_name\":\"Ada Lovelace\"}";
    }

    /** A one-step card payment (implicit order). */
    public static String cardPayment(long amount, String currency, String pan, String capture) {
        return "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"method\":\"card\",\"capture\":\"" + capture
                + "\",\"card\":" + card(pan) + "}";
    }

    public static String cardPaymentForOrder(String orderId, String pan, String capture) {
        return "{\"order_id\":\"" + orderId + "\",\"method\":\"card\",\"capture\":\"" + capture + "\",\"card\":" + card(pan)
                + "}";
    }

    public static String upiPayment(long amount, String vpa) {
        return "{\"amount\":" + amount + ",\"currency\":\"INR\",\"method\":\"upi\",\"upi\":{\"vpa\":\"" + vpa + "\"}}";
    }

    public static String order(long amount, String currency) {
        return "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"receipt\":\"rcpt-" + Long.toString(System.nanoTime(), 36)
                + "\",\"notes\":{\"customer\":\"c-1\",\"priority\":2}}";
    }
}
