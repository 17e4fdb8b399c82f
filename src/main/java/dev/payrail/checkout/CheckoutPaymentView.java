package dev.payrail.checkout;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A payment as the customer's browser sees it: its state, the next action, the outcome. No
 * amounts of other payments, no provider details, no method details beyond what the customer typed.
 * {@code signature} (succeeded payments only) is what the merchant's server verifies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(example = CheckoutPaymentView.EXAMPLE)
public record CheckoutPaymentView(String id, String object, String orderId, String status, String outcome,
        String method, Map<String, Object> nextAction, String errorCode, String errorDescription,
        String declineCode, Boolean recoverable, String signature) {

    /** An example for the OpenAPI document. */
    static final String EXAMPLE = "{\"id\":\"pay_3kq9XwV2mT8bZr\",\"object\":\"checkout_payment\",\"order_id\":\"order_7Hs2kLq0PzX4cV\",\"status\":\"captured\",\"outcome\":\"succeeded\",\"method\":\"card\",\"signature\":\"9f2c5e0b\\u2026\"}";

}
