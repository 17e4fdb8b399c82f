package dev.payrail.idempotency;

import jakarta.enterprise.context.RequestScoped;

/**
 * The key and request fingerprint of the current request, for the stores that keep a key in
 * PostgreSQL as the backstop (payments, orders, refunds).
 */
@RequestScoped
public class IdempotencyContext {

    private String key;
    private String fingerprint;

    void set(String key, String fingerprint) {
        this.key = key;
        this.fingerprint = fingerprint;
    }

    public String key() {
        return key;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** A key reused with another request: the same answer whichever store noticed. */
    public static dev.payrail.common.ApiException reused() {
        return new dev.payrail.common.ApiException(422, "IDEMPOTENCY_KEY_REUSED",
                "This Idempotency-Key was used with a different request.", "Idempotency-Key");
    }

    /**
     * Refuses a retry whose request differs from the one that first used the key, as PostgreSQL
     * remembers it (an unknown fingerprint on either side passes).
     */
    public static void requireSameRequest(String storedFingerprint, String requestFingerprint) {
        if (storedFingerprint != null && requestFingerprint != null && !storedFingerprint.equals(requestFingerprint)) {
            throw reused();
        }
    }
}
