package dev.payrail.connector.simulator;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.sandbox.MagicCards;

/**
 * The simulator's magic values, which always win over random outcomes: Stripe's documented test
 * cards ({@link MagicCards}) and the VPAs {@code success@…} and {@code failure@…}.
 */
final class SimulatorMagic {

    private SimulatorMagic() {
    }

    /** The magic outcome of this request, or {@code null} when it carries no magic value. */
    static ConnectorResult outcome(ConnectorRequests.Authorize request, String reference, String challengeUrl) {
        if (request.method() == PaymentMethodType.CARD && request.card() != null) {
            String pan = request.card().pan();
            if (MagicCards.succeeds(pan)) {
                return ConnectorResult.succeeded(reference);
            }
            if (MagicCards.requiresAction(pan)) {
                return ConnectorResult.requiresAction(reference, challengeUrl);
            }
            MagicCards.Decline d = MagicCards.decline(pan);
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
