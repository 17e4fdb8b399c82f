package dev.payrail.payment;

import java.util.Map;

import dev.payrail.card.ValidatedCard;
import dev.payrail.connector.ConnectorRequests;

/**
 * What the payer pays with, as the provider call needs it: the card (in memory only), the UPI
 * address, or the wallet with its flow and the merchant's return URL.
 */
record PayerMethod(ValidatedCard card, String vpa, String wallet, String walletFlow, String returnUrl) {

    static PayerMethod of(PaymentInput input) {
        return new PayerMethod(input.card(), input.vpa(), input.wallet(), input.walletFlow(), input.returnUrl());
    }

    /** The provider call for {@code p} under {@code idempotencyKey}, with the 3-D Secure decision stored on {@code p}. */
    ConnectorRequests.Authorize requestFor(Payment p, String idempotencyKey) {
        return request(p, idempotencyKey).withThreeDSecure(ThreeDSecure.decisionOf(p).name().toLowerCase(java.util.Locale.ROOT),
                "off_session".equals(p.threeDSecure() == null ? null : p.threeDSecure().get("reason")));
    }

    /** From a stored payment's method details (never a card: card payments are not processed from the row). */
    static PayerMethod stored(Map<String, Object> details) {
        return new PayerMethod(null, (String) details.get("vpa"), (String) details.get("wallet"),
                (String) details.get("flow"), (String) details.get("return_url"));
    }

    /** The provider call for {@code p} under {@code idempotencyKey}. */
    ConnectorRequests.Authorize request(Payment p, String idempotencyKey) {
        return new ConnectorRequests.Authorize(p.id(), p.merchantId(), idempotencyKey, p.amount(), p.currency(),
                p.method(), card, vpa, wallet, !p.manualCapture(), walletFlow, returnUrl);
    }

    @Override
    public String toString() {
        return "PayerMethod[" + (card != null ? "card" : vpa != null ? "upi" : wallet) + "]";
    }
}
