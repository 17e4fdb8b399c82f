package dev.payrail.payment;

import dev.payrail.common.ApiException;

/** The {@code Idempotency-Key} header: 1 to 255 printable ASCII characters. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    public static String validate(String key) {
        if (key == null) {
            return null;
        }
        boolean ok = !key.isEmpty() && key.length() <= MAX_LENGTH;
        for (int i = 0; ok && i < key.length(); i++) {
            char c = key.charAt(i);
            ok = c >= 0x20 && c <= 0x7e;
        }
        if (!ok) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 255 printable ASCII characters.", HEADER);
        }
        return key;
    }
}
