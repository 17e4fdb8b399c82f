package dev.payrail.payment;

import java.util.ArrayList;
import java.util.List;

import dev.payrail.common.ApiException;
import dev.payrail.connector.Operation;
import dev.payrail.connector.PaymentConnector;

/**
 * The candidates that can take a payment of this shape, asked before anything is written or sent:
 * <ul>
 * <li>{@code capture: manual} goes only to providers that can capture later ({@link Operation#CAPTURE}).
 * A provider that takes the money at once (a WeChat Pay or Alipay sale, a bank transfer) would
 * otherwise show the payment {@code authorized} while the payer was already charged;
 * <li>a wallet or wallet flow a provider lacks ({@link PaymentConnector#refusal}).
 * </ul>
 * When none is left, the request is refused naming the field to change.
 */
final class PaymentShapes {

    private PaymentShapes() {
    }

    static List<PaymentConnector> fitting(PaymentInput input, List<PaymentConnector> candidates) {
        List<PaymentConnector> capturing = input.manualCapture()
                ? candidates.stream().filter(c -> c.offers(Operation.CAPTURE)).toList() : candidates;
        if (capturing.isEmpty()) {
            String who = input.provider() != null ? "Provider " + input.provider() + " does not take"
                    : "No enabled provider for this payment takes";
            throw ApiException.badRequest(who + " manual capture: the payer is charged at once. Use capture automatic.",
                    "capture");
        }
        List<PaymentConnector> out = new ArrayList<>(capturing.size());
        PaymentConnector firstRefusing = null;
        String reason = null;
        for (PaymentConnector c : capturing) {
            String why = c.refusal(input.method(), input.wallet(), input.walletFlow());
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
        if (in.walletFlow() != null && c.refusal(in.method(), in.wallet(), null) == null) {
            return "wallet.flow";
        }
        return in.wallet() != null ? "wallet.wallet" : "method";
    }
}
