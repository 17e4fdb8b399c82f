package dev.payrail.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The unit of a price's billing period. Periods are counted from the subscription's billing cycle
 * anchor, each one computed from the anchor (not from the previous period), so that a monthly
 * subscription anchored on the 31st bills on the 28th (or 29th) of February and on the 31st again in March.
 */
public enum Interval {
    DAY, WEEK, MONTH, YEAR;

    public String publicName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The interval named {@code value}, or {@code null}. */
    public static Interval parse(String value) {
        for (Interval i : values()) {
            if (i.publicName().equals(value)) {
                return i;
            }
        }
        return null;
    }

    /** The start of period {@code index} (0 is the period starting at the anchor) of {@code count} units each. */
    public Instant periodStart(Instant anchor, int count, int index) {
        ZonedDateTime a = anchor.atZone(ZoneOffset.UTC);
        long units = (long) count * index;
        ZonedDateTime start = switch (this) {
            case DAY -> a.plusDays(units);
            case WEEK -> a.plusWeeks(units);
            case MONTH -> a.plusMonths(units);
            case YEAR -> a.plusYears(units);
        };
        return start.toInstant();
    }
}
