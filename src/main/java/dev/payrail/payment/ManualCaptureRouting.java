package dev.payrail.payment;

import java.util.List;

import dev.payrail.common.ApiException;
import dev.payrail.connector.Operation;
import dev.payrail.connector.PaymentConnector;

/**
 * A payment with {@code capture: manual} goes only to providers that can capture later. A provider
 * that takes the money at once (a WeChat Pay or Alipay sale, a bank transfer) would otherwise be
 * shown as {@code authorized} while the payer was already charged, and the merchant's capture or
 * cancel could never take effect. Refused before anything is written or sent.
 */
final class ManualCaptureRouting {

    private ManualCaptureRouting() {
    }

    static List<PaymentConnector> filter(List<PaymentConnector> candidates, PaymentInput input) {
        if (!input.manualCapture()) {
            return candidates;
        }
        List<PaymentConnector> capturing = candidates.stream().filter(c -> c.offers(Operation.CAPTURE)).toList();
        if (!capturing.isEmpty()) {
            return capturing;
        }
        String who = input.provider() != null ? "Provider " + input.provider() + " takes" : "No enabled provider for "
                + "this payment takes";
        throw ApiException.badRequest(who + " manual capture: the payer is charged at once. Use capture automatic.",
                "capture");
    }
}
