package dev.payrail.customer;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A customer as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerView(String id, String object, String email, String name, String phone, String description,
        Map<String, Object> metadata, Instant createdAt, Instant updatedAt, String defaultPaymentMethod) {

    public static CustomerView of(Customer c) {
        return new CustomerView(c.id(), "customer", c.email(), c.name(), c.phone(), c.description(), c.metadata(),
                c.createdAt(), c.updatedAt(), c.defaultPaymentMethod());
    }

    /** The answer to a deletion. */
    @Schema(name = "DeletedCustomer")
    public record Deleted(String id, String object, boolean deleted) {
    }
}
