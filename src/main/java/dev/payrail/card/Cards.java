package dev.payrail.card;

/** Card number helpers. */
public final class Cards {

    /** The shortest card number accepted (ISO/IEC 7812 allows 8, networks issue 12 and up). */
    public static final int MIN_PAN_LENGTH = 12;
    /** The longest card number accepted. */
    public static final int MAX_PAN_LENGTH = 19;

    private Cards() {
    }

    /**
     * Whether the digits pass the Luhn (mod 10) check.
     *
     * @return false for null, fewer than two characters or anything but ASCII digits
     */
    public static boolean luhnValid(String digits) {
        if (digits == null || digits.length() < 2) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int digit = c - '0';
            if (doubleIt) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /**
     * Normalizes a card number as a client typed it: removes spaces and dashes.
     *
     * @return the digits, or null if the input is null, anything but ASCII digits remains, or
     *         the number of digits is outside {@value #MIN_PAN_LENGTH}-{@value #MAX_PAN_LENGTH}
     */
    public static String normalizePan(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(MAX_PAN_LENGTH);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c < '0' || c > '9' || digits.length() == MAX_PAN_LENGTH) {
                return null;
            }
            digits.append(c);
        }
        return digits.length() < MIN_PAN_LENGTH ? null : digits.toString();
    }
}
