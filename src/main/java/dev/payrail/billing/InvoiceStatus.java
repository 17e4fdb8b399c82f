package dev.payrail.billing;

import java.util.Locale;

/** {@code draft → open → paid | void | uncollectible}. */
public enum InvoiceStatus {
    DRAFT, OPEN, PAID, VOID, UNCOLLECTIBLE;

    public String publicName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InvoiceStatus parse(String value) {
        for (InvoiceStatus s : values()) {
            if (s.publicName().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
