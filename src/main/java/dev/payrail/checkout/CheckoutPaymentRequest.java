package dev.payrail.checkout;

import dev.payrail.common.CardNumberField;

/**
 * What the checkout page submits: the method and its details. The order comes from the path, the
 * merchant from the publishable key. Card data is held for the provider call only.
 */
public record CheckoutPaymentRequest(String method, Card card, Upi upi, Wallet wallet, Customer customer) {

    /** A QR or redirect wallet the page offered ({@code wechat_pay}, {@code alipay}, {@code pagadito}). */
    public record Wallet(String wallet) {
    }

    /** The customer's email and phone as the merchant prefilled them: kept as the payment's metadata. */
    public record Customer(String email, String contact) {
    }

    public record Card(@CardNumberField String number, Integer expiryMonth, Integer expiryYear, String cvc,
            String holderName) {
        @Override
        public String toString() {
            return "Card[masked]";
        }
    }

    public record Upi(String vpa) {
    }

    @Override
    public String toString() {
        return "CheckoutPaymentRequest[method=" + method + "]";
    }
}
