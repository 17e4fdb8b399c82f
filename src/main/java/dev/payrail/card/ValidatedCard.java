package dev.payrail.card;

import java.util.Objects;

/**
 * A card that passed {@link CardValidator}. Holds the full card number and CVC only so that they
 * can be sent to a processor: never log, persist or serialize them. {@link #toString()} masks
 * them.
 *
 * @param network     the detected card network
 * @param bin         the first six digits
 * @param last4       the last four digits
 * @param fingerprint the keyed hash of the card number, see {@link CardFingerprinter}
 * @param expiryMonth 1-12
 * @param expiryYear  four digits
 * @param holderName  the cardholder name, stripped, or null
 * @param pan         the normalized card number (digits only)
 * @param cvc         the card verification code
 */
public record ValidatedCard(
        CardNetwork network,
        String bin,
        String last4,
        String fingerprint,
        int expiryMonth,
        int expiryYear,
        String holderName,
        String pan,
        String cvc) {

    public ValidatedCard {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(pan, "pan");
    }

    /** Shows the network, last four digits and expiry only; every other component is masked. */
    @Override
    public String toString() {
        return "ValidatedCard[network=" + network.jsonName()
                + ", last4=" + last4
                + ", expiry=" + expiryMonth + "/" + expiryYear
                + ", pan=****, cvc=***, holderName=" + (holderName == null ? "null" : "***")
                + ", fingerprint=***]";
    }
}
