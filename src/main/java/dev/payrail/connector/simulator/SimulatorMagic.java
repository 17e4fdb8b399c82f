package dev.payrail.connector.simulator;

import java.util.Map;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.payment.PaymentMethodType;

/**
 * The simulator's magic values, which always win over random outcomes: Stripe's documented test
 * cards and the VPAs {@code success@…} and {@code failure@…}.
 */
final class SimulatorMagic {

    private record Decline(String errorCode, String declineCode, String message) {
    }

    private static final String SUCCESS_CARD = "4242424242424242";
    private static final String REQUIRES_ACTION_CARD = "4000002500003155";
    private static final Map<String, Decline> DECLINE_CARDS = Map.of(
            "4000000000000002", new Decline("card_declined", "generic_decline", "Your card was declined."),
            "4000000000009995", new Decline("card_declined", "insufficient_funds", "Your card has insufficient funds."),
            "4000000000000069", new Decline("expired_card", "expired_card", "Your card has expired."),
            "4000000000000127", new Decline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."));

    private SimulatorMagic() {
    }

    /** The magic outcome of this request, or {@code null} when it carries no magic value. */
    static ConnectorResult outcome(ConnectorRequests.Authorize request, String reference, String challengeUrl) {
        if (request.method() == PaymentMethodType.CARD && request.card() != null) {
            String pan = request.card().pan();
            if (SUCCESS_CARD.equals(pan)) {
                return ConnectorResult.succeeded(reference);
            }
            if (REQUIRES_ACTION_CARD.equals(pan)) {
                return ConnectorResult.requiresAction(reference, challengeUrl);
            }
            Decline d = DECLINE_CARDS.get(pan);
            if (d != null) {
                return ConnectorResult.declined(reference, d.errorCode(), d.declineCode(), d.message());
            }
        }
        if (request.method() == PaymentMethodType.UPI && request.vpa() != null) {
            String vpa = request.vpa().toLowerCase();
            if (vpa.startsWith("success@")) {
                return ConnectorResult.succeeded(reference);
            }
            if (vpa.startsWith("failure@")) {
                return ConnectorResult.declined(reference, "upi_declined", "payment_declined_by_payer",
                        "The payer declined the UPI collect request.");
            }
        }
        return null;
    }
}
