package dev.payrail.card;

/**
 * Card schemes Payrail recognises from the issuer identification number (the leading digits of
 * a card number).
 */
public enum CardNetwork {
    VISA("visa"),
    MASTERCARD("mastercard"),
    AMEX("amex"),
    DISCOVER("discover"),
    DINERS("diners"),
    JCB("jcb"),
    UNIONPAY("unionpay"),
    RUPAY("rupay"),
    MAESTRO("maestro"),
    UNKNOWN("unknown");

    private final String jsonName;

    CardNetwork(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The lower-case name used in the API ("visa", "mastercard", "amex", ...). */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Detects the network from the leading digits of a card number.
     *
     * <p>Checks run from the most specific range to the most general, so that overlapping
     * ranges resolve the way the schemes allocate them: Discover's 6011 before RuPay's 60, the
     * RuPay ranges 508, 6521 and 6522 before Maestro's 50 and Discover's 65.
     *
     * @param digits a card number or its leading digits; digits only
     * @return the network, or {@link #UNKNOWN} if the input is empty, holds anything but digits
     *         or matches no known range
     */
    public static CardNetwork detect(String digits) {
        if (digits == null || digits.isEmpty() || !allDigits(digits)) {
            return UNKNOWN;
        }
        int p1 = prefix(digits, 1);
        int p2 = prefix(digits, 2);
        int p3 = prefix(digits, 3);
        int p4 = prefix(digits, 4);

        if (p2 == 34 || p2 == 37) {
            return AMEX;
        }
        if (between(p4, 3528, 3589)) {
            return JCB;
        }
        if (between(p3, 300, 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
            return DINERS;
        }
        if (p1 == 4) {
            return VISA;
        }
        if (p4 == 6011) {
            return DISCOVER;
        }
        if (p3 == 508 || p4 == 6521 || p4 == 6522 || p2 == 60 || p2 == 81 || p2 == 82) {
            return RUPAY;
        }
        if (between(p2, 51, 55) || between(p4, 2221, 2720)) {
            return MASTERCARD;
        }
        if (between(p3, 644, 649) || p2 == 65) {
            return DISCOVER;
        }
        if (p2 == 62) {
            return UNIONPAY;
        }
        if (p2 == 50 || between(p2, 56, 58) || p4 == 6304 || p2 == 67) {
            return MAESTRO;
        }
        return UNKNOWN;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The first {@code length} digits as a number, or -1 when the input is shorter. */
    private static int prefix(String digits, int length) {
        return digits.length() < length ? -1 : Integer.parseInt(digits, 0, length, 10);
    }

    private static boolean between(int value, int min, int max) {
        return value >= min && value <= max;
    }
}
