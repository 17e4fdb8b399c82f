package dev.payrail.connector;

import com.fasterxml.jackson.annotation.JsonValue;

public enum PaymentMethodType {
    CARD, UPI, WALLET, BANK_TRANSFER;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase();
    }

    /** The method named in a request, or {@code null} when the name is not one of ours. */
    public static PaymentMethodType parse(String name) {
        for (PaymentMethodType t : values()) {
            if (t.jsonName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
