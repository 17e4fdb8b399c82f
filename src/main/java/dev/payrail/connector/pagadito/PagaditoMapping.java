package dev.payrail.connector.pagadito;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;

/**
 * Pagadito's transaction statuses in Payrail's terms, exhaustively: only {@code COMPLETED} is paid
 * (captured: Pagadito has no authorize-only); {@code REVOKED}, {@code FAILED}, {@code CANCELED} and
 * {@code EXPIRED} are final failures; {@code REGISTERED} waits for the payer, {@code VERIFYING} for
 * Pagadito's review; anything else (a status added later) is pending.
 */
final class PagaditoMapping {

    private PagaditoMapping() {
    }

    /**
     * A get_status {@code value} for the transaction {@code token} of a payment of {@code amount}
     * (minor units).
     */
    static ConnectorResult status(String token, JsonNode value, long amount) {
        String status = PagaditoAnswer.text(value, "status");
        String reference = PagaditoAnswer.text(value, "reference");
        return switch (status == null ? "" : status) {
            case PagaditoWire.S_COMPLETED -> new ConnectorResult(Outcome.SUCCEEDED, token, null, null,
                    "Pagadito approval number " + reference + ".", null, null).capturedAt(amount);
            case PagaditoWire.S_REGISTERED -> new ConnectorResult(Outcome.REQUIRES_ACTION, token, null, null,
                    "The payer has not finished on Pagadito's page.", null, null).at(PaymentStage.PENDING);
            case PagaditoWire.S_VERIFYING -> new ConnectorResult(Outcome.PENDING, token, null, null,
                    "Pagadito is verifying the payment.", null, null).at(PaymentStage.PENDING);
            case PagaditoWire.S_REVOKED -> failed(token, "payment_revoked", "Pagadito revoked the payment after verification.");
            case PagaditoWire.S_FAILED -> failed(token, "payment_failed", "Pagadito could not process the payment.");
            case PagaditoWire.S_CANCELED -> failed(token, "payer_cancelled", "The payer cancelled on Pagadito's page.");
            case PagaditoWire.S_EXPIRED -> failed(token, "payment_expired", "The payer did not finish on Pagadito's page in time.");
            default -> new ConnectorResult(Outcome.PENDING, token, null, null,
                    "Pagadito reported status " + status + ".", null, null).at(PaymentStage.PENDING);
        };
    }

    private static ConnectorResult failed(String token, String code, String message) {
        return ConnectorResult.declined(token, code, code, message).at(PaymentStage.FAILED);
    }
}
