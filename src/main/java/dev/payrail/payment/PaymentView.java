package dev.payrail.payment;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A payment as merchants see it: amounts in minor units, masked method details under the method's
 * name, {@code unknown} shown as {@code processing}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentView(String id, String object, String orderId, long amount, String currency, PaymentStatus status,
        PaymentMethodType method, Map<String, Object> card, Map<String, Object> upi, Map<String, Object> wallet,
        Map<String, Object> bankTransfer, String captureMethod, String provider, String providerReference,
        long amountAuthorized, long amountCaptured, long amountRefunded, String errorCode, String errorDescription,
        String declineCode, Map<String, Object> nextAction, Map<String, Object> metadata, int version,
        Instant createdAt, Instant updatedAt) {

    public static PaymentView of(Payment p) {
        Map<String, Object> d = p.methodDetails();
        return new PaymentView(p.id(), "payment", p.orderId(), p.amount(), p.currency(), p.status(), p.method(),
                p.method() == PaymentMethodType.CARD ? d : null,
                p.method() == PaymentMethodType.UPI ? d : null,
                p.method() == PaymentMethodType.WALLET ? d : null,
                p.method() == PaymentMethodType.BANK_TRANSFER ? d : null,
                p.captureMethod(), p.provider(), p.providerReference(), p.amountAuthorized(), p.amountCaptured(),
                p.amountRefunded(), p.errorCode(), p.errorDescription(), p.declineCode(), p.nextAction(), p.metadata(),
                p.version(), p.createdAt(), p.updatedAt());
    }
}
