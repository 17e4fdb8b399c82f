package dev.payrail.common;

/**
 * What no text a client sends may contain, wherever it is stored or logged: NUL characters
 * (PostgreSQL refuses them), lone UTF-16 surrogates (not encodable, silently stored as {@code ?})
 * and anything that looks like a card number. Card numbers are accepted in the fields meant for
 * them only ({@link CardNumberField}).
 *
 * <p>A card number here is a sequence of digit groups separated by single spaces or dashes
 * (four groups of four digits with spaces, the same with dashes, or sixteen digits in one run) in which
 * some run of consecutive whole groups holds 13 to 19 digits, does not start with {@code 0} and
 * passes the Luhn check. A run of more than 19 digits without separators is not a card number.
 */
public final class TextGuard {

    /** Why a text is refused. */
    public enum Flaw {
        NUL("must not contain NUL characters (U+0000)"),
        LONE_SURROGATE("must not contain unpaired UTF-16 surrogates"),
        CARD_NUMBER("must not contain a card number: send card numbers in card.number only");

        private final String message;

        Flaw(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private static final int MIN_PAN_DIGITS = 13;
    private static final int MAX_PAN_DIGITS = 19;

    private TextGuard() {
    }

    /** The first flaw of {@code text}, or {@code null} when it is acceptable anywhere. */
    public static Flaw flaw(String text) {
        Flaw encoding = encodingFlaw(text);
        if (encoding != null) {
            return encoding;
        }
        return containsCardNumber(text) ? Flaw.CARD_NUMBER : null;
    }

    /** NUL or a lone surrogate, or {@code null}; card numbers are not looked for. */
    public static Flaw encodingFlaw(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Flaw.NUL;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Flaw.LONE_SURROGATE;
            }
            if (Character.isLowSurrogate(c)) {
                return Flaw.LONE_SURROGATE;
            }
        }
        return null;
    }

    /** Whether some digit sequence of {@code text} passes the card number check above. */
    public static boolean containsCardNumber(String text) {
        if (text == null || text.length() < MIN_PAN_DIGITS) {
            return false;
        }
        int i = 0;
        int n = text.length();
        int[] groupEnds = new int[n / 2 + 1];
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            // A sequence of digit groups: digits, then optionally one separator followed by a digit.
            int start = i;
            int groups = 0;
            while (i < n) {
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
                groupEnds[groups++] = i;
                if (i + 1 < n && (text.charAt(i) == ' ' || text.charAt(i) == '-') && isDigit(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                break;
            }
            if (sequenceHoldsCard(text, start, groupEnds, groups)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sequenceHoldsCard(String text, int start, int[] groupEnds, int groups) {
        int[] groupStarts = new int[groups];
        groupStarts[0] = start;
        for (int g = 1; g < groups; g++) {
            groupStarts[g] = groupEnds[g - 1] + 1;
        }
        for (int first = 0; first < groups; first++) {
            if (text.charAt(groupStarts[first]) == '0') {
                continue; // no card network issues numbers starting with 0 (ISO/IEC 7812 MII 0)
            }
            StringBuilder digits = new StringBuilder(MAX_PAN_DIGITS);
            for (int last = first; last < groups; last++) {
                digits.append(text, groupStarts[last], groupEnds[last]);
                if (digits.length() > MAX_PAN_DIGITS) {
                    break;
                }
                if (digits.length() >= MIN_PAN_DIGITS && luhn(digits)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
