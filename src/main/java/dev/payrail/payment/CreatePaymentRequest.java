package dev.payrail.payment;

import java.util.Map;

import dev.payrail.common.CardNumberField;

/**
 * {@code POST /api/v1/payments}. Either {@code order_id}, or {@code amount} + {@code currency} for a
 * one-step payment with an implicit order. Unknown fields are rejected.
 *
 * <p>Cards on file: {@code customer} names the merchant's customer; {@code save_payment_method} saves the
 * card for that customer at the provider; {@code payment_method} charges a saved method instead of a
 * card; {@code off_session} marks a merchant-initiated charge (never challenged by 3-D Secure). The fraud
 * rules count and limit payments per {@code customer}.
 */
public record CreatePaymentRequest(String orderId, Long amount, String currency, String method, CardInput card,
        UpiInput upi, WalletInput wallet, Map<String, Object> bankTransfer, String capture, String provider,
        Map<String, Object> metadata, String receipt, String customer, Boolean savePaymentMethod,
        String paymentMethod, Boolean offSession) {

    /** A payment without a card on file. */
    public CreatePaymentRequest(String orderId, Long amount, String currency, String method, CardInput card,
            UpiInput upi, WalletInput wallet, Map<String, Object> bankTransfer, String capture, String provider,
            Map<String, Object> metadata, String receipt) {
        this(orderId, amount, currency, method, card, upi, wallet, bankTransfer, capture, provider, metadata, receipt,
                null, null, null, null);
    }

    /** Card data: held in memory for the provider call only; never stored, logged or echoed. */
    public record CardInput(@CardNumberField String number, Integer expiryMonth, Integer expiryYear, String cvc, String holderName) {
        @Override
        public String toString() {
            return "CardInput[masked]";
        }
    }

    public record UpiInput(String vpa) {
    }

    /**
     * @param flow      {@code qr} or {@code redirect}; absent: the provider's default
     * @param returnUrl the merchant's page for the payer after a redirect flow
     */
    public record WalletInput(String wallet, String flow, String returnUrl) {
    }

    @Override
    public String toString() {
        return "CreatePaymentRequest[order_id=" + orderId + ", amount=" + amount + ", currency=" + currency
                + ", method=" + method + "]";
    }
}
