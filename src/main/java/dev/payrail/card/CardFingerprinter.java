package dev.payrail.card;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;

/**
 * Computes card fingerprints: a keyed hash of the card number that lets Payrail recognise the
 * same card across payments and merchants without storing the number.
 *
 * <p>The fingerprint is the unpadded base64url encoding of HMAC-SHA256(key, pan). The key
 * ({@code payrail.card.fingerprint-key}) must stay secret and stable: changing it changes every
 * fingerprint. Thread-safe: each thread reuses its own {@link Mac}.
 */
@Singleton
public class CardFingerprinter {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /**
     * @param key the HMAC key; must not be blank
     * @throws IllegalArgumentException if the key is null or blank
     */
    public CardFingerprinter(@ConfigProperty(name = "payrail.card.fingerprint-key") String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("payrail.card.fingerprint-key must not be blank");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        newMac(); // fail at startup, not on the first payment, if HMAC-SHA256 is unavailable
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * The fingerprint of a card number.
     *
     * @param pan the normalized card number (digits only, see {@link Cards#normalizePan})
     * @return 43 base64url characters
     */
    public String fingerprint(String pan) {
        Objects.requireNonNull(pan, "pan");
        Mac mac = macs.get();
        byte[] digest = mac.doFinal(pan.getBytes(StandardCharsets.US_ASCII));
        return ENCODER.encodeToString(digest);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot initialise " + ALGORITHM, e);
        }
    }
}
