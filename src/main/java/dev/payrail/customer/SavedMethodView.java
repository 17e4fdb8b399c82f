package dev.payrail.customer;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A saved payment method as the API shows it: never the provider's token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SavedMethodView(String id, String object, String customer, String type, String provider,
        Map<String, Object> card, boolean isDefault, Instant createdAt, Instant detachedAt) {

    static SavedMethodView of(SavedMethod m, String defaultMethod) {
        return new SavedMethodView(m.id(), "payment_method", m.customerId(), "card", m.provider(), m.cardDetails(),
                m.id().equals(defaultMethod), m.createdAt(), m.detachedAt());
    }
}
