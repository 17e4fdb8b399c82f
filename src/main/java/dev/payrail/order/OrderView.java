package dev.payrail.order;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(String id, String object, long amount, String currency, String receipt,
        Map<String, Object> notes, String status, int attempts, Instant createdAt, Instant updatedAt) {

    public static OrderView of(Order o) {
        return new OrderView(o.id(), "order", o.amount(), o.currency(), o.receipt(), o.notes(), o.status(),
                o.attempts(), o.createdAt(), o.updatedAt());
    }
}
