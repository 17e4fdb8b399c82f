package dev.payrail.payment;

import java.util.ArrayList;
import java.util.List;

import dev.payrail.common.ApiException;
import dev.payrail.connector.PaymentConnector;

/**
 * The candidates that can take a payment of this shape (wallet, wallet flow, capture), asked
 * before anything is written or sent ({@link PaymentConnector#refusal}). When none can, the request
 * is refused with the first candidate's reason, naming the field to change.
 */
final class PaymentShapes {

    private PaymentShapes() {
    }

    static List<PaymentConnector> fitting(PaymentInput input, List<PaymentConnector> candidates) {
        List<PaymentConnector> out = new ArrayList<>(candidates.size());
        PaymentConnector firstRefusing = null;
        String reason = null;
        for (PaymentConnector c : candidates) {
            String why = c.refusal(input.method(), input.wallet(), input.walletFlow(), input.manualCapture());
            if (why == null) {
                out.add(c);
            } else if (reason == null) {
                firstRefusing = c;
                reason = why;
            }
        }
        if (out.isEmpty() && firstRefusing != null) {
            throw ApiException.badRequest(reason, field(firstRefusing, input));
        }
        return out;
    }

    /** The field whose change would make the connector take the payment. */
    private static String field(PaymentConnector c, PaymentInput in) {
        if (in.walletFlow() != null && c.refusal(in.method(), in.wallet(), null, in.manualCapture()) == null) {
            return "wallet.flow";
        }
        if (in.manualCapture() && c.refusal(in.method(), in.wallet(), in.walletFlow(), false) == null) {
            return "capture";
        }
        return in.wallet() != null ? "wallet.wallet" : "method";
    }
}
