package dev.payrail.payment.method;

import dev.payrail.common.ApiException;

import java.util.regex.Pattern;

/** UPI virtual payment addresses ({@code name@handle}). */
public final class Vpa {

    /** The longest accepted VPA, in characters. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern FORMAT = Pattern.compile("^[a-zA-Z0-9._-]+@[a-zA-Z0-9]+$");

    private Vpa() {
    }

    /**
     * Validates a VPA taken from a request: letters, digits, dots, underscores and dashes, an
     * {@code @}, then a handle of letters and digits; at most {@value #MAX_LENGTH} characters.
     *
     * @param vpa   the VPA as the client sent it
     * @param param the request parameter reported with the error
     * @return the VPA, unchanged
     * @throws ApiException 400 when the VPA is missing, too long or malformed
     */
    public static String require(String vpa, String param) {
        if (vpa == null || vpa.isEmpty()) {
            throw ApiException.badRequest(param + " is required", param);
        }
        if (vpa.length() > MAX_LENGTH) {
            throw ApiException.badRequest(param + " must be at most " + MAX_LENGTH + " characters", param);
        }
        if (!FORMAT.matcher(vpa).matches()) {
            throw ApiException.badRequest(param + " is not a valid UPI VPA (expected name@handle)", param);
        }
        return vpa;
    }
}
