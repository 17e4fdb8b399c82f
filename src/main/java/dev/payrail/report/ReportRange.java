package dev.payrail.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.payrail.common.ApiException;
import dev.payrail.money.Currencies;

/**
 * The period and currency of a report: {@code from} inclusive, {@code to} exclusive, each an ISO
 * instant ({@code 2026-01-01T00:00:00Z}) or an ISO date ({@code 2026-01-01}, midnight UTC), at most
 * {@link #MAX_DAYS} days apart; {@code currency} optional (all currencies when absent). Each
 * malformed value is a 400 naming its parameter.
 */
public record ReportRange(Instant from, Instant to, String currency) {

    /** The longest period a report covers. */
    public static final int MAX_DAYS = 366;

    /** The range the query parameters name, validated. */
    public static ReportRange parse(String from, String to, String currency) {
        Instant f = instant(from, "from");
        Instant t = instant(to, "to");
        if (!f.isBefore(t)) {
            throw ApiException.badRequest("to must be after from", "to");
        }
        if (Duration.between(f, t).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw ApiException.badRequest("A report covers at most " + MAX_DAYS + " days", "to");
        }
        String c = currency == null ? null : Currencies.require(currency, "currency");
        return new ReportRange(f, t, c);
    }

    private static Instant instant(String value, String param) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(param + " is required (an ISO date such as 2026-01-31 or an instant such as "
                    + "2026-01-31T00:00:00Z)", param);
        }
        if (value.length() > 40) {
            throw ApiException.badRequest(param + " must be an ISO date or instant", param);
        }
        Instant i;
        try {
            i = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(param + " must be an ISO date (2026-01-31) or instant (2026-01-31T00:00:00Z)",
                    param);
        }
        if (i.isBefore(Instant.EPOCH) || i.isAfter(LATEST)) {
            throw ApiException.badRequest(param + " is out of range", param);
        }
        return i;
    }

    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");
}
