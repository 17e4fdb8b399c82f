package dev.payrail.billing;

import java.util.Locale;

/**
 * Where a subscription stands. {@code trialing}, {@code active} and {@code past_due} renew at each
 * period end; {@code paused} and {@code unpaid} bill nothing; {@code canceled} is final.
 */
public enum SubscriptionStatus {
    TRIALING, ACTIVE, PAST_DUE, UNPAID, CANCELED, PAUSED;

    public String publicName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionStatus parse(String value) {
        for (SubscriptionStatus s : values()) {
            if (s.publicName().equals(value)) {
                return s;
            }
        }
        return null;
    }

    /** Whether the scheduler renews it at its period end. */
    public boolean renews() {
        return this == TRIALING || this == ACTIVE || this == PAST_DUE;
    }
}
