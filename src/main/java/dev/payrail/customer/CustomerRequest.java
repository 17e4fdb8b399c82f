package dev.payrail.customer;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/customers} and {@code PATCH /api/v1/customers/{id}}: on update an
 * absent field is unchanged and an empty string clears it; {@code metadata} replaces the whole map
 * ({@code {}} clears it). Unknown fields are refused. {@code default_payment_method} (update only) names one
 * of the customer's saved methods.
 */
public record CustomerRequest(String email, String name, String phone, String description, Map<String, Object> metadata,
        String defaultPaymentMethod) {

    public CustomerRequest(String email, String name, String phone, String description, Map<String, Object> metadata) {
        this(email, name, phone, description, metadata, null);
    }
}
