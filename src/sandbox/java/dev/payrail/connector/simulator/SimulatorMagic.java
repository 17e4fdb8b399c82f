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

    /**
     * The outcome of a card payment after 3-D Secure, as an issuer would decide: a card that would be
     * approved is challenged when Payrail asks for authentication; a card whose issuer requires
     * authentication is declined {@code authentication_required} when no challenge may be played
     * (off-session, or the merchant's mode never). Declines stay declines.
     */
    static ConnectorResult threeDSecure(ConnectorRequests.Authorize request, ConnectorResult result, String challengeUrl) {
        if (request.method() != PaymentMethodType.CARD) {
            return result;
        }
        if (result.is(dev.payrail.connector.Outcome.REQUIRES_ACTION) && !request.challengeAllowed()) {
            return ConnectorResult.declined(result.providerReference(), "authentication_required", "authentication_required",
                    "The card issuer requires authentication for this payment.");
        }
        if (result.is(dev.payrail.connector.Outcome.SUCCEEDED)
                && ConnectorRequests.Authorize.THREE_DS_CHALLENGE.equals(request.threeDSecure())) {
            return ConnectorResult.requiresAction(result.providerReference(), challengeUrl);
        }
        return result;
    }

    /** The magic outcome of this request, or {@code null} when it carries no magic value. */
    static ConnectorResult outcome(ConnectorRequests.Authorize request, String reference, String challengeUrl) {
        if (request.method() == PaymentMethodType.CARD && request.card() != null) {
            String pan = request.card().pan();
            if (MagicCards.succeeds(pan) || MagicCards.declinesAfterSave(pan)) {
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
