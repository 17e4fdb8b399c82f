package dev.payrail.checkout;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A payment as the customer's browser sees it: its state, the next action, the outcome. No
 * amounts of other payments, no provider details, no method details beyond what the customer typed.
 * {@code signature} (succeeded payments only) is what the merchant's server verifies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckoutPaymentView(String id, String object, String orderId, String status, String outcome,
        String method, Map<String, Object> nextAction, String errorCode, String errorDescription,
        String declineCode, Boolean recoverable, String signature) {
}
