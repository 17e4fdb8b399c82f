package dev.payrail.dashboard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.common.ApiException;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.payment.PaymentStatus;

class PaymentFilterTest {

    private static ApiException rejected(Map<String, String> query) {
        return assertThrows(ApiException.class, () -> PaymentFilter.fromQuery(query));
    }

    @Test
    void aFilterSurvivesTheRoundTripThroughItsUrl() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("id", "pay_3kq9XwV2mT8bZr");
        q.put("order_id", "order_7Hs2kLq0PzX4cV");
        q.put("status", "partially_refunded");
        q.put("provider", "stripe");
        q.put("method", "bank_transfer");
        q.put("currency", "KWD");
        q.put("amount_min", "1.5");
        q.put("amount_max", "20.125");
        q.put("from", "2026-01-31");
        q.put("to", "2026-02-01T12:30:00+02:00");
        q.put("starting_after", "pay_ignoredHere");
        PaymentFilter f = PaymentFilter.fromQuery(q);

        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, f.status());
        assertEquals(PaymentMethodType.parse("bank_transfer"), f.method());
        assertEquals(1500L, f.amountMin(), "KWD has three decimals");
        assertEquals(20125L, f.amountMax());
        assertEquals(OffsetDateTime.parse("2026-01-31T00:00Z"), f.from());
        assertEquals(OffsetDateTime.parse("2026-02-01T10:30Z").toInstant(), f.to().toInstant());

        Map<String, String> written = f.toQuery();
        assertEquals(PaymentFilter.PARAMS, java.util.List.copyOf(written.keySet()));
        assertEquals("1.500", written.get("amount_min"));
        assertEquals("2026-02-01T10:30Z", written.get("to"));
        assertEquals(f, PaymentFilter.fromQuery(written));
        assertEquals(f, PaymentFilter.fromQuery(parse(f.toQueryString())));
    }

    @Test
    void emptyParametersAreAbsentAndNoFilterIsAnEmptyQuery() {
        assertEquals(PaymentFilter.NONE, PaymentFilter.fromQuery(Map.of("status", "", "currency", "  ")));
        assertEquals(Map.of(), PaymentFilter.NONE.toQuery());
        assertEquals("", PaymentFilter.NONE.toQueryString());
    }

    @Test
    void queryStringEncodesWhatUrlsCannotCarry() {
        PaymentFilter f = PaymentFilter.fromQuery(Map.of("from", "2026-01-31T10:00:00+05:30"));
        assertEquals("from=2026-01-31T04%3A30Z", f.toQueryString());
    }

    @Test
    void eachBadValueIsRefusedWithASentenceNamingItsParameter() {
        assertEquals("id", rejected(Map.of("id", "order_abc")).param());
        assertEquals("id", rejected(Map.of("id", "pay_<script>")).param());
        assertEquals("order_id", rejected(Map.of("order_id", "x' OR 1=1")).param());
        assertEquals("status", rejected(Map.of("status", "unknown")).param(), "internal statuses are not filters");
        assertEquals("status", rejected(Map.of("status", "paid")).param());
        assertEquals("provider", rejected(Map.of("provider", "Stripe!")).param());
        assertEquals("method", rejected(Map.of("method", "cash")).param());
        assertEquals("currency", rejected(Map.of("currency", "usd")).param());
        assertEquals("currency", rejected(Map.of("amount_min", "10")).param(), "an amount needs its currency");
        ApiException decimals = rejected(Map.of("currency", "JPY", "amount_min", "10.5"));
        assertEquals("amount_min", decimals.param());
        assertTrue(decimals.getMessage().contains("0 decimals"), decimals.getMessage());
        assertEquals("amount_max", rejected(Map.of("currency", "USD", "amount_max", "-1")).param());
        assertEquals("amount_max", rejected(Map.of("currency", "USD", "amount_max", "1e3")).param());
        assertEquals("amount_min", rejected(Map.of("currency", "USD", "amount_min", "5", "amount_max", "4")).param());
        assertEquals("from", rejected(Map.of("from", "yesterday")).param());
        assertEquals("to", rejected(Map.of("to", "2026-02-30")).param());
        assertEquals("from", rejected(Map.of("from", "2026-02-02", "to", "2026-02-01")).param());
        assertEquals("order_id", rejected(Map.of("order_id", "order_" + "a".repeat(80))).param());
    }

    @Test
    void multiValuedParametersGiveOneValueEachOrARefusal() {
        Map<String, java.util.List<String>> q = new LinkedHashMap<>();
        q.put("status", java.util.List.of("captured"));
        q.put("empty", java.util.List.of());
        assertEquals(PaymentStatus.CAPTURED, PaymentFilter.fromQuery(QueryParams.single(q)).status());
        q.put("method", java.util.List.of("card", "upi"));
        assertEquals("method", assertThrows(ApiException.class, () -> QueryParams.single(q)).param());
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            m.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return m;
    }
}
