package dev.payrail.payment;

import dev.payrail.common.ApiException;
import dev.payrail.connector.PaymentMethodType;

/**
 * The rules of a payment's card-on-file fields, checked before anything is read or written:
 * {@code save_payment_method} needs a {@code customer} and a card; {@code payment_method} (a saved
 * method) replaces the card; {@code off_session} (merchant-initiated) is for cards, usually a saved one.
 */
final class OnFileFields {

    private OnFileFields() {
    }

    static void check(CreatePaymentRequest r, PaymentMethodType method) {
        boolean save = Boolean.TRUE.equals(r.savePaymentMethod());
        if (save && r.customer() == null) {
            throw ApiException.badRequest("save_payment_method needs a customer: name the customer (cus_…) to save the "
                    + "card for.", "customer");
        }
        if (save && method != PaymentMethodType.CARD) {
            throw ApiException.badRequest("save_payment_method saves cards only.", "save_payment_method");
        }
        if (save && r.paymentMethod() != null) {
            throw ApiException.badRequest("payment_method is saved already: save_payment_method goes with a new card.",
                    "save_payment_method");
        }
        if (r.paymentMethod() != null && method != PaymentMethodType.CARD) {
            throw ApiException.badRequest("payment_method charges a saved card: method must be card.", "method");
        }
        if (Boolean.TRUE.equals(r.offSession()) && method != PaymentMethodType.CARD) {
            throw ApiException.badRequest("off_session marks a merchant-initiated card payment: method must be card.",
                    "off_session");
        }
    }
}
