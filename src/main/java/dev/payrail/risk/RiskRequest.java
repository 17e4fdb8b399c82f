package dev.payrail.risk;

/**
 * What the fraud rules look at in a new payment. Any field but the merchant, amount and currency may be
 * {@code null}.
 *
 * @param cardFingerprint the card's keyed fingerprint (card payments)
 * @param bin             the card's first six digits
 * @param customer        the merchant's customer id given with the payment
 * @param email           an e-mail given with the payment (the receipt, when it is an address); the customer's
 *                        own e-mail, when it has one, takes precedence
 * @param clientIp        the payer's IP: known for payments made through the public checkout endpoints only
 *                        (on the merchant API the connection is the merchant's server)
 */
public record RiskRequest(String merchantId, long amount, String currency, String cardFingerprint, String bin,
        String customer, String email, String clientIp) {

    @Override
    public String toString() {
        return "RiskRequest[" + merchantId + ", " + amount + " " + currency + "]";
    }
}
