package dev.payrail.dashboard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.payment.Payment;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

@QuarkusTest
class PaymentCsvExportTest {

    private static final int CLONES = 2999;

    @Inject
    PaymentCsvExport export;

    /** {@code n} older copies of a payment made through the API (each with its own order), one second apart. */
    static void cloneOlder(String paymentId, int n) {
        Db.update("""
                WITH src AS (SELECT * FROM payments WHERE id = ?),
                g AS (SELECT s, 'order_' || substr(md5(src.id || s), 1, 14) AS order_id,
                             'pay_' || substr(md5(src.id || s || 'p'), 1, 14) AS id,
                             src.created_at - s * interval '1 second' AS at, src.amount + s AS amount
                        FROM src, generate_series(1, ?) s),
                o AS (INSERT INTO orders (id, merchant_id, amount, currency, status, attempts, created_at, updated_at)
                      SELECT g.order_id, src.merchant_id, g.amount, src.currency, 'paid', 1, g.at, g.at FROM src, g)
                INSERT INTO payments (id, merchant_id, order_id, amount, currency, status, method, method_details,
                                      capture_method, provider, provider_reference, amount_authorized, amount_captured,
                                      created_at, updated_at)
                SELECT g.id, src.merchant_id, g.order_id, g.amount, src.currency, src.status, src.method, src.method_details,
                       src.capture_method, src.provider, src.provider_reference, g.amount, g.amount, g.at, g.at
                  FROM src, g""", paymentId, n);
    }

    @Test
    void thousandsOfPaymentsAreExportedNewestFirstOneLineEach() {
        Shops.Shop shop = Shops.create();
        String newest = shop.pay(1000, "USD");
        cloneOlder(newest, CLONES);
        String evil = Db.one("SELECT id FROM payments WHERE merchant_id = ? AND amount = 1007", shop.id()).get("id").toString();
        Db.update("UPDATE payments SET provider_reference = ? WHERE id = ?", "=HYPERLINK(\"http://evil\",\"x\")", evil);

        List<String> lines = export.export(shop.id(), PaymentFilter.NONE).collect().asList().await().atMost(Duration.ofMinutes(1));
        assertEquals(CLONES + 2, lines.size(), "header and one line per payment");
        assertTrue(lines.get(0).startsWith("id,created_at,order_id,status,"), lines.get(0));
        lines.forEach(l -> assertTrue(l.endsWith("\r\n")));
        assertTrue(lines.get(1).startsWith(newest + ","), lines.get(1));
        assertEquals(CLONES + 1, new HashSet<>(lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).toList())
                .size(), "every payment exactly once");
        List<String> created = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[1]).toList();
        for (int i = 1; i < created.size(); i++) {
            assertTrue(java.time.Instant.parse(created.get(i)).isBefore(java.time.Instant.parse(created.get(i - 1))));
        }
        String line = lines.stream().filter(l -> l.startsWith(evil)).findFirst().orElseThrow();
        assertTrue(line.contains(",USD,10.07,10.07,0.00,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), line);
        assertTrue(lines.get(1).contains(",captured,card,"), lines.get(1));
        assertTrue(lines.get(1).contains(",USD,10.00,10.00,0.00,"), lines.get(1));

        // the filter applies: amount range in dollars
        List<String> some = export.export(shop.id(), PaymentFilter.fromQuery(Map.of("currency", "USD",
                "amount_min", "10.01", "amount_max", "10.05"))).collect().asList().await().atMost(Duration.ofMinutes(1));
        assertEquals(6, some.size());
    }

    @Test
    void pagesAreReadOnlyAsTheConsumerAsksForThemAndNeverExceedThePageSize() {
        Shops.Shop shop = Shops.create();
        cloneOlder(shop.pay(1000, "EUR"), CLONES);

        AssertSubscriber<List<Payment>> sub = export.pages(shop.id(), PaymentFilter.NONE, PaymentCsvExport.PAGE_SIZE)
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        sub.awaitItems(1);
        assertEquals(1, sub.getItems().size());
        assertEquals(PaymentCsvExport.PAGE_SIZE, sub.getItems().get(0).size());
        sub.assertNotTerminated();
        // A payment older than all others, written after the first page was read: only a later read can find it.
        String oldest = cloneOldest(shop.id());
        sub.request(Long.MAX_VALUE);
        sub.awaitCompletion(Duration.ofSeconds(30));
        List<List<Payment>> pages = sub.getItems();
        assertEquals(7, pages.size(), "3001 payments in pages of 500");
        pages.subList(0, 6).forEach(p -> assertEquals(PaymentCsvExport.PAGE_SIZE, p.size()));
        assertEquals(List.of(oldest), pages.get(6).stream().map(Payment::id).toList(), "read after it was written");
        assertEquals(3001, pages.stream().flatMap(List::stream).map(Payment::id).distinct().count());

        AssertSubscriber<String> lines = export.export(shop.id(), PaymentFilter.NONE)
                .subscribe().withSubscriber(AssertSubscriber.create(3));
        lines.awaitItems(3);
        lines.assertNotTerminated();
        String older = cloneOldest(shop.id());
        lines.request(Long.MAX_VALUE);
        lines.awaitCompletion(Duration.ofSeconds(30));
        assertEquals(3003, lines.getItems().size(), "header and 3002 payments");
        assertTrue(lines.getItems().get(3002).startsWith(older + ","), "the last line was read after it was written");
    }

    /** A copy of the merchant's oldest payment, a second older; its id. */
    private static String cloneOldest(String merchantId) {
        String oldest = (String) Db.one("SELECT id FROM payments WHERE merchant_id = ? ORDER BY created_at, id LIMIT 1",
                merchantId).get("id");
        cloneOlder(oldest, 1);
        return (String) Db.one("SELECT id FROM payments WHERE merchant_id = ? ORDER BY created_at, id LIMIT 1",
                merchantId).get("id");
    }

    @Test
    void anExportHoldsOnlyTheMerchantsOwnPaymentsAndAmountsFollowTheCurrencyExponent() {
        Shops.Shop shop = Shops.create();
        Shops.Shop other = Shops.create();
        String jpy = shop.pay(1050, "JPY");
        String kwd = shop.pay(1050, "KWD");
        other.pay(999, "USD");

        List<String> lines = export.export(shop.id(), PaymentFilter.NONE).collect().asList().await().atMost(Shops.WAIT);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith(kwd) && lines.get(1).contains(",KWD,1.050,"), lines.get(1));
        assertTrue(lines.get(2).startsWith(jpy) && lines.get(2).contains(",JPY,1050,"), lines.get(2));

        Shops.Shop empty = Shops.create();
        assertEquals(1, export.export(empty.id(), PaymentFilter.NONE).collect().asList().await().atMost(Shops.WAIT).size(),
                "only the header");
        assertEquals(1, export.export(other.id(), PaymentFilter.fromQuery(Map.of("id", jpy))).collect().asList()
                .await().atMost(Shops.WAIT).size(), "another merchant's payment id exports nothing");
    }
}
