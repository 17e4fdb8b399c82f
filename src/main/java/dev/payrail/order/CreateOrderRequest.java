package dev.payrail.order;

import java.util.Map;

/** {@code POST /api/v1/orders}: amount in the currency's minor unit. */
public record CreateOrderRequest(Long amount, String currency, String receipt, Map<String, Object> notes) {
}
