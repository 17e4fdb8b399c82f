package dev.payrail.dashboard.query;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.StringJoiner;

import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.money.Currencies;
import dev.payrail.payment.PaymentStatus;

/**
 * The payment search of the dashboard, as it lives in the page's URL: {@link #fromQuery} reads the
 * query parameters (checking each, an error naming its parameter with a sentence the page can show)
 * and {@link #toQuery} writes them back, so a saved or shared URL is the saved filter.
 *
 * <p>Parameters: {@code id} (a payment id), {@code order_id}, {@code status}, {@code provider},
 * {@code method}, {@code currency}, {@code amount_min}/{@code amount_max} (decimals in the
 * currency's major unit, so they need {@code currency}: 10.50 USD is 1050 cents), {@code from}
 * (inclusive) and {@code to} (exclusive), each a date ({@code 2026-01-31}, midnight UTC) or an
 * ISO-8601 timestamp. Empty parameters are absent; unknown parameters (paging, the page's own) are
 * ignored. Amounts are kept in minor units, times in UTC.
 */
public record PaymentFilter(String id, String orderId, PaymentStatus status, String provider, PaymentMethodType method,
        String currency, Long amountMin, Long amountMax, OffsetDateTime from, OffsetDateTime to) {

    /** The parameters this filter reads and writes, in the order {@link #toQuery} writes them. */
    public static final List<String> PARAMS = List.of("id", "order_id", "status", "provider", "method", "currency",
            "amount_min", "amount_max", "from", "to");

    private static final int MAX_LENGTH = 64;

    /** No filter: all the merchant's payments. */
    public static final PaymentFilter NONE = new PaymentFilter(null, null, null, null, null, null, null, null, null, null);

    public PaymentFilter {
        from = from == null ? null : from.withOffsetSameInstant(ZoneOffset.UTC);
        to = to == null ? null : to.withOffsetSameInstant(ZoneOffset.UTC);
        if ((amountMin != null || amountMax != null) && currency == null) {
            throw ApiException.badRequest("An amount filter needs a currency.", "currency");
        }
        if (amountMin != null && amountMax != null && amountMin > amountMax) {
            throw ApiException.badRequest("amount_min must not be above amount_max.", "amount_min");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("from must be before to.", "from");
        }
    }

    /** Reads the filter from query parameters (one value each); throws a 400 {@link ApiException} naming the bad one. */
    public static PaymentFilter fromQuery(Map<String, String> query) {
        String id = text(query, "id");
        if (id != null && !isId(id, "pay_")) {
            throw ApiException.badRequest("id must be a payment id (pay_…).", "id");
        }
        String orderId = text(query, "order_id");
        if (orderId != null && !isId(orderId, "order_")) {
            throw ApiException.badRequest("order_id must be an order id (order_…).", "order_id");
        }
        String statusName = text(query, "status");
        PaymentStatus status = statusName == null ? null : PaymentStatus.parsePublic(statusName);
        if (statusName != null && status == null) {
            throw ApiException.badRequest("Unknown status: " + statusName + ".", "status");
        }
        String provider = text(query, "provider");
        if (provider != null && !provider.matches("[a-z_]{2,32}")) {
            throw ApiException.badRequest("Unknown provider.", "provider");
        }
        String methodName = text(query, "method");
        PaymentMethodType method = methodName == null ? null : PaymentMethodType.parse(methodName);
        if (methodName != null && method == null) {
            throw ApiException.badRequest("method must be one of card, upi, wallet, bank_transfer.", "method");
        }
        String currency = text(query, "currency");
        if (currency != null) {
            Currencies.require(currency, "currency");
        }
        Long min = amount(query, "amount_min", currency);
        Long max = amount(query, "amount_max", currency);
        return new PaymentFilter(id, orderId, status, provider, method, currency, min, max, instant(query, "from"),
                instant(query, "to"));
    }

    /** The filter as query parameters, absent ones left out; {@code fromQuery(toQuery())} gives it back. */
    public Map<String, String> toQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        put(q, "id", id);
        put(q, "order_id", orderId);
        put(q, "status", status == null ? null : status.dbName());
        put(q, "provider", provider);
        put(q, "method", method == null ? null : method.jsonName());
        put(q, "currency", currency);
        put(q, "amount_min", amountMin == null ? null : Currencies.formatMajor(amountMin, currency));
        put(q, "amount_max", amountMax == null ? null : Currencies.formatMajor(amountMax, currency));
        put(q, "from", from == null ? null : from.toString());
        put(q, "to", to == null ? null : to.toString());
        return q;
    }

    /** {@link #toQuery} URL-encoded ({@code status=captured&currency=EUR}), empty without filters. */
    public String toQueryString() {
        StringJoiner s = new StringJoiner("&");
        toQuery().forEach((k, v) -> s.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    private static void put(Map<String, String> q, String name, String value) {
        if (value != null) {
            q.put(name, value);
        }
    }

    private static String text(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.strip();
        if (v.length() > MAX_LENGTH) {
            throw ApiException.badRequest(name + " is too long.", name);
        }
        return v;
    }

    private static boolean isId(String value, String prefix) {
        return value.startsWith(prefix) && value.length() > prefix.length() && Ids.isBase62(value.substring(prefix.length()));
    }

    private static Long amount(Map<String, String> query, String name, String currency) {
        String v = text(query, name);
        if (v == null) {
            return null;
        }
        if (currency == null) {
            throw ApiException.badRequest("An amount filter needs a currency.", "currency");
        }
        String message = name + " must be an amount in " + currency + " with at most "
                + Currencies.exponent(currency) + " decimals, like " + Currencies.formatMajor(1050, currency) + ".";
        if (!v.matches("[0-9]{1,15}(\\.[0-9]{1,6})?")) {
            throw ApiException.badRequest(message, name);
        }
        try {
            return Currencies.toMinor(new BigDecimal(v), currency);
        } catch (ArithmeticException e) {
            throw ApiException.badRequest(message, name);
        }
    }

    static OffsetDateTime instant(Map<String, String> query, String name) {
        String v = text(query, name);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a date (2026-01-31) or an ISO-8601 timestamp.", name);
        }
    }
}
