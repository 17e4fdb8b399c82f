package dev.payrail.checkout;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An order as its checkout shows it: the merchant's display name and logo, the amount, the methods
 * the merchant takes for its currency, and the order's latest payment (so a reloaded page resumes).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckoutOrderView(String id, String object, String merchantName, String logoUrl, long amount,
        String currency, int currencyExponent, String amountFormatted, String status, List<String> methods,
        boolean testMode, CheckoutPaymentView latestPayment) {
}
