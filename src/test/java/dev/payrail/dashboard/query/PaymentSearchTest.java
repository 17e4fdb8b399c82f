package dev.payrail.dashboard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.payment.Payment;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PaymentSearchTest {

    @Inject
    PaymentSearch search;

    private List<String> ids(String merchantId, Map<String, String> query) {
        return search.search(merchantId, PaymentFilter.fromQuery(query), null, 100).await().atMost(Shops.WAIT).data()
                .stream().map(Payment::id).toList();
    }

    @Test
    void everyFilterNarrowsTheMerchantsPaymentsNewestFirst() {
        Shops.Shop shop = Shops.create();
        String usdSmall = shop.pay(1000, "USD");
        String usdLarge = shop.pay(2550, "USD");
        String eur = shop.pay(700, "EUR");
        String failed = shop.declined(1200, "USD");
        String authorized = shop.pay(500, "JPY", "4242424242424242", "manual");
        String orderId = shop.api().get("/api/v1/payments/" + eur).then().extract().path("order_id");
        String provider = shop.api().get("/api/v1/payments/" + eur).then().extract().path("provider");

        assertEquals(List.of(authorized, failed, eur, usdLarge, usdSmall), ids(shop.id(), Map.of()));
        assertEquals(List.of(failed), ids(shop.id(), Map.of("status", "failed")));
        assertEquals(List.of(authorized), ids(shop.id(), Map.of("status", "authorized")));
        assertEquals(List.of(eur), ids(shop.id(), Map.of("id", eur)));
        assertEquals(List.of(eur), ids(shop.id(), Map.of("order_id", orderId)));
        assertEquals(List.of(failed, usdLarge, usdSmall), ids(shop.id(), Map.of("currency", "USD")));
        // decimals in the currency's major unit, bounds inclusive
        assertEquals(List.of(failed, usdSmall), ids(shop.id(), Map.of("currency", "USD", "amount_min", "10",
                "amount_max", "12.00")));
        assertEquals(List.of(usdLarge), ids(shop.id(), Map.of("currency", "USD", "amount_min", "25.50")));
        assertEquals(5, ids(shop.id(), Map.of("method", "card", "provider", provider)).size());
        assertEquals(List.of(), ids(shop.id(), Map.of("method", "upi")));
        assertEquals(List.of(), ids(shop.id(), Map.of("provider", "no_such_provider")));

        // date range: from inclusive, to exclusive
        Db.update("UPDATE payments SET created_at = created_at - interval '3 days' WHERE id = ?", usdSmall);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        assertEquals(List.of(usdSmall), ids(shop.id(), Map.of("to", today)));
        assertEquals(4, ids(shop.id(), Map.of("from", today)).size());
        Instant created = ((java.sql.Timestamp) Db.one("SELECT created_at FROM payments WHERE id = ?", eur)
                .get("created_at")).toInstant();
        assertEquals(List.of(eur), ids(shop.id(), Map.of("from", created.toString(),
                "to", created.plus(Duration.ofNanos(1000)).toString())));
    }

    @Test
    void cursorPagesWalkEveryPaymentOnceAndStayStableWhenNewOnesArrive() {
        Shops.Shop shop = Shops.create();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(0, shop.pay(100 + i, "EUR"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ListResponse<Payment> page = search.search(shop.id(), PaymentFilter.NONE, cursor, 3).await().atMost(Shops.WAIT);
            assertTrue(page.data().size() <= 3);
            page.data().forEach(p -> seen.add(p.id()));
            cursor = page.nextCursor();
            assertEquals(cursor != null, page.hasMore());
            if (pages == 0) {
                shop.pay(999, "EUR"); // newer than every page: never shows up in this walk
            }
            pages++;
        } while (cursor != null);
        assertEquals(made, seen);
        assertEquals(3, pages);
    }

    @Test
    void anotherMerchantSeesNothingOfThisOneNotEvenThroughIdsOrCursors() {
        Shops.Shop shop = Shops.create();
        Shops.Shop other = Shops.create();
        String mine = shop.pay(1000, "USD");
        shop.pay(1100, "USD");
        String orderId = shop.api().get("/api/v1/payments/" + mine).then().extract().path("order_id");

        assertEquals(List.of(), ids(other.id(), Map.of()));
        assertEquals(List.of(), ids(other.id(), Map.of("id", mine)));
        assertEquals(List.of(), ids(other.id(), Map.of("order_id", orderId)));
        String theirs = other.pay(500, "USD");
        ListResponse<Payment> page = search.search(other.id(), PaymentFilter.NONE, mine, 10).await().atMost(Shops.WAIT);
        assertEquals(List.of(), page.data(), "a cursor of another merchant's payment finds nothing");
        assertFalse(page.hasMore());
        assertEquals(List.of(theirs), ids(other.id(), Map.of()));
    }

    @Test
    void aMalformedCursorIsABadRequestOnStartingAfter() {
        ApiException e = assertThrows(ApiException.class,
                () -> search.search("mer_x", PaymentFilter.NONE, "'; DROP TABLE payments; --", 10));
        assertEquals("starting_after", e.param());
        assertThrows(IllegalArgumentException.class, () -> search.search("mer_x", PaymentFilter.NONE, null, 0));
        assertThrows(IllegalArgumentException.class,
                () -> search.search("mer_x", PaymentFilter.NONE, null, PaymentSearch.MAX_LIMIT + 1));
        assertNull(search.search("mer_nobody", PaymentFilter.NONE, null, 1).await().atMost(Shops.WAIT).nextCursor());
    }

    @Test
    void processingAlsoFindsPaymentsWhoseOutcomeIsUnknown() {
        Shops.Shop shop = Shops.create();
        String id = shop.pay(1000, "USD");
        Db.update("UPDATE payments SET status = 'unknown' WHERE id = ?", id);
        Map<String, String> q = new HashMap<>();
        q.put("status", "processing");
        assertEquals(List.of(id), ids(shop.id(), q));
    }
}
