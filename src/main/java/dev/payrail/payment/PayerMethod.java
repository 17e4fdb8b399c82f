package dev.payrail.payment;

import java.util.Map;
import java.util.function.Consumer;

import dev.payrail.card.ValidatedCard;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.PaymentConnector;
import io.smallrye.mutiny.Uni;

/**
 * What the payer pays with, as the provider call needs it: the card (in memory only), the UPI
 * address, or the wallet with its flow and the merchant's return URL; with a card on file, the card
 * to save or the saved method to charge ({@code onFile}, {@code null}: none).
 */
record PayerMethod(ValidatedCard card, String vpa, String wallet, String walletFlow, String returnUrl, CardOnFile onFile) {

    static PayerMethod of(PaymentInput input) {
        return new PayerMethod(input.card(), input.vpa(), input.wallet(), input.walletFlow(), input.returnUrl(), null);
    }

    /** The provider call for {@code p} under {@code idempotencyKey}, with the 3-D Secure decision stored on {@code p}. */
    ConnectorRequests.Authorize requestFor(Payment p, String idempotencyKey) {
        return request(p, idempotencyKey).withThreeDSecure(ThreeDSecure.decisionOf(p).name().toLowerCase(java.util.Locale.ROOT),
                "off_session".equals(p.threeDSecure() == null ? null : p.threeDSecure().get("reason")));
    }

    /** From a stored payment's method details (never a card: card payments are not processed from the row). */
    static PayerMethod stored(Map<String, Object> details) {
        return new PayerMethod(null, (String) details.get("vpa"), (String) details.get("wallet"),
                (String) details.get("flow"), (String) details.get("return_url"), null);
    }

    PayerMethod withOnFile(CardOnFile cardOnFile) {
        return new PayerMethod(card, vpa, wallet, walletFlow, returnUrl, cardOnFile);
    }

    /** The provider call for {@code p} under {@code idempotencyKey}. */
    ConnectorRequests.Authorize request(Payment p, String idempotencyKey) {
        return new ConnectorRequests.Authorize(p.id(), p.merchantId(), idempotencyKey, p.amount(), p.currency(),
                p.method(), card, vpa, wallet, !p.manualCapture(), walletFlow, returnUrl);
    }

    /**
     * Sends {@code request} to {@code connector}: a plain authorization, or one with the card on file,
     * whose saved card (when the provider saved one) goes to {@code saved}.
     */
    Uni<ConnectorResult> authorize(PaymentConnector connector, ConnectorRequests.Authorize request,
            Consumer<ConnectorRequests.SavedCard> saved) {
        if (onFile == null || !onFile.callsOnFile()) {
            return connector.authorize(request);
        }
        return connector.authorizeOnFile(request, onFile.request(connector.name())).map(answer -> {
            if (answer.saved() != null) {
                saved.accept(answer.saved());
            }
            return answer.result();
        });
    }

    @Override
    public String toString() {
        return "PayerMethod[" + (card != null ? "card" : vpa != null ? "upi" : wallet != null ? wallet
                : onFile != null && onFile.method() != null ? "saved card" : "none") + "]";
    }
}
