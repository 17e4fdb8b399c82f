package dev.payrail.billing.web;

import java.util.Map;

/** {@code POST /api/v1/products}: {@code name} is required; unknown fields are refused. */
public record ProductRequest(String name, String description, Map<String, Object> metadata) {
}
