package dev.payrail.customer;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.payrail.common.ApiException;
import dev.payrail.common.Filters;

/**
 * The rules of a customer's fields. An email is one address ({@code local@domain.tld}, at most 254
 * characters, stored as given, matched without regard to case); a phone is E.164 ({@code +} and 4 to
 * 15 digits); a name at most 255 characters, a description 500. Text is already free of NUL,
 * unpaired surrogates and card numbers (refused for every field when the JSON is read).
 */
final class CustomerFields {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{3,14}");

    private CustomerFields() {
    }

    /** The values of a new customer; every field is optional. */
    static CustomerRequest forCreate(CustomerRequest r) {
        if (r == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        if (r.defaultPaymentMethod() != null) {
            throw ApiException.badRequest("default_payment_method is set on an update, once the customer has saved methods.",
                    "default_payment_method");
        }
        return new CustomerRequest(email(r.email()), text(r.name(), 255, "name"), phone(r.phone()),
                text(r.description(), 500, "description"), Filters.flatObject(r.metadata(), "metadata"));
    }

    /** {@code c} with the changes of {@code r} applied ({@code ""} clears a field, absent keeps it). */
    static Customer applyUpdate(Customer c, CustomerRequest r, java.time.Instant now) {
        if (r == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        return new Customer(c.id(), c.merchantId(),
                r.email() == null ? c.email() : r.email().isEmpty() ? null : email(r.email()),
                r.name() == null ? c.name() : r.name().isEmpty() ? null : text(r.name(), 255, "name"),
                r.phone() == null ? c.phone() : r.phone().isEmpty() ? null : phone(r.phone()),
                r.description() == null ? c.description()
                        : r.description().isEmpty() ? null : text(r.description(), 500, "description"),
                r.metadata() == null ? c.metadata()
                        : r.metadata().isEmpty() ? null : Filters.flatObject(r.metadata(), "metadata"),
                c.createdAt(), now,
                r.defaultPaymentMethod() == null ? c.defaultPaymentMethod() : r.defaultPaymentMethod());
    }

    /** An email to search by: the same shape as a stored one. */
    static String searchEmail(String email) {
        return email == null ? null : email(email).toLowerCase(Locale.ROOT);
    }

    private static String email(String email) {
        if (email == null) {
            return null;
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("email must be one email address (name@example.com), at most 254 characters.",
                    "email");
        }
        return email;
    }

    private static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        if (!PHONE.matcher(phone).matches()) {
            throw ApiException.badRequest("phone must be in E.164 form: + and 4 to 15 digits (+4930123456).", "phone");
        }
        return phone;
    }

    private static String text(String value, int max, String field) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > max) {
            throw ApiException.badRequest(field + " must be 1 to " + max + " characters, not only spaces.", field);
        }
        return value;
    }
}
