package dev.payrail.customer;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/customers} and {@code PATCH /api/v1/customers/{id}}: on update an
 * absent field is unchanged and an empty string clears it; {@code metadata} replaces the whole map
 * ({@code {}} clears it). Unknown fields are refused.
 */
public record CustomerRequest(String email, String name, String phone, String description, Map<String, Object> metadata) {
}
