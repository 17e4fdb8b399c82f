package dev.payrail.billing;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A product as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductView(String id, String object, String name, String description, boolean active,
        Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {

    public static ProductView of(Product p) {
        return new ProductView(p.id(), "product", p.name(), p.description(), p.active(), p.metadata(), p.createdAt(),
                p.updatedAt());
    }
}
