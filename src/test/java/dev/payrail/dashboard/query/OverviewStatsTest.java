package dev.payrail.dashboard.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.payrail.common.ApiException;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OverviewStatsTest {

    @Inject
    OverviewStats stats;

    private OverviewStats.Overview overview(String merchantId, Instant from, Instant to) {
        return stats.overview(merchantId, from, to).await().atMost(Shops.WAIT);
    }

    @Test
    void countsSuccessRateVolumePerCurrencyByMethodAndProviderAndPerHour() {
        Shops.Shop shop = Shops.create();
        String usd = shop.pay(1000, "USD");
        shop.pay(2550, "USD");
        shop.declined(5000, "USD");
        shop.pay(700, "EUR");
        shop.pay(300, "JPY", "4242424242424242", "manual");
        String provider = shop.api().get("/api/v1/payments/" + usd).then().extract().path("provider");
        Instant now = Instant.now();

        OverviewStats.Overview o = overview(shop.id(), now.minus(Duration.ofHours(3)), now.plus(Duration.ofHours(1)));
        assertEquals(OverviewStats.Granularity.HOUR, o.granularity());
        assertEquals(5, o.total().count());
        assertEquals(4, o.total().succeeded());
        assertEquals(0.8, o.total().successRate(), 1e-9);
        assertEquals(Map.of("USD", 3550L, "EUR", 700L, "JPY", 300L), o.total().volume(), "declined volume is not volume");
        assertEquals("35.50", o.total().volumeMajor("USD"));
        assertEquals("300", o.total().volumeMajor("JPY"));
        assertEquals(Map.of("card", new OverviewStats.Tally(5, 4, Map.of("USD", 3550L, "EUR", 700L, "JPY", 300L))),
                o.byMethod());
        assertEquals(5, o.byProvider().get(provider).count());
        assertEquals(5, o.series().size(), "the five hours the range touches, empty ones included");
        assertEquals(now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3)), o.series().get(0).start());
        assertEquals(5, o.series().stream().mapToLong(p -> p.tally().count()).sum());
        assertEquals(0, o.series().get(0).tally().count());
    }

    @Test
    void longerRangesArePerDayAndOnlyPaymentsInsideTheRangeCount() {
        Shops.Shop shop = Shops.create();
        String old = shop.pay(1000, "USD");
        shop.pay(2000, "USD");
        Db.update("UPDATE payments SET created_at = created_at - interval '3 days' WHERE id = ?", old);
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

        OverviewStats.Overview o = overview(shop.id(), today.minus(Duration.ofDays(6)), today.plus(Duration.ofDays(1)));
        assertEquals(OverviewStats.Granularity.DAY, o.granularity());
        assertEquals(7, o.series().size());
        assertEquals(2, o.total().count());
        assertEquals(1, o.series().get(3).tally().count(), "three days ago");
        assertEquals(1, o.series().get(6).tally().count(), "today");
        assertEquals(Map.of("USD", 1000L), o.series().get(3).tally().volume());

        OverviewStats.Overview recent = overview(shop.id(), today, today.plus(Duration.ofDays(1)));
        assertEquals(1, recent.total().count());
        assertEquals(Map.of("USD", 2000L), recent.total().volume());
    }

    @Test
    void anotherMerchantsPaymentsNeverCount() {
        Shops.Shop shop = Shops.create();
        Shops.Shop other = Shops.create();
        shop.pay(1000, "USD");
        Instant now = Instant.now();
        OverviewStats.Overview o = overview(other.id(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofHours(1)));
        assertEquals(0, o.total().count());
        assertEquals(0.0, o.total().successRate());
        assertEquals(Map.of(), o.total().volume());
        assertEquals(Map.of(), o.byMethod());
        assertEquals(Map.of(), o.byProvider());
        assertTrue(o.series().stream().allMatch(p -> p.tally().count() == 0));
    }

    @Test
    void anEmptyReversedOrTooLongRangeIsRefused() {
        Instant now = Instant.now();
        assertEquals("from", assertThrows(ApiException.class, () -> stats.overview("m", now, now)).param());
        assertEquals("from", assertThrows(ApiException.class, () -> stats.overview("m", now, now.minusSeconds(1))).param());
        assertEquals("from", assertThrows(ApiException.class,
                () -> stats.overview("m", now.minus(Duration.ofDays(400)), now)).param());
    }

    @Test
    void theRangeComesFromThePagesQueryWithDefaults() {
        Instant now = Instant.parse("2026-03-10T15:20:00Z");
        assertEquals(new OverviewStats.Range(Instant.parse("2026-03-04T00:00:00Z"), Instant.parse("2026-03-11T00:00:00Z")),
                OverviewStats.rangeFromQuery(Map.of(), now, 7), "the last seven days, today included");
        assertEquals(new OverviewStats.Range(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-02T06:00:00Z")),
                OverviewStats.rangeFromQuery(Map.of("from", "2026-02-01", "to", "2026-02-02T07:00:00+01:00"), now, 7));
        assertEquals("to", assertThrows(ApiException.class,
                () -> OverviewStats.rangeFromQuery(Map.of("to", "soon"), now, 7)).param());
    }

    @Test
    void theSeriesRendersAsAnAccessibleChart() {
        Shops.Shop shop = Shops.create();
        shop.pay(1000, "USD");
        Instant now = Instant.now();
        OverviewStats.Overview o = overview(shop.id(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
        String svg = SvgChart.render("overview", "Payments per hour", "Payments created each hour (UTC).", "Hour (UTC)",
                "Payments", o.series().stream().map(p -> new SvgChart.Bar(p.start().toString(), p.tally().count())).toList());
        assertTrue(svg.contains("<title id=\"overview-title\">Payments per hour</title>"), svg);
        assertTrue(svg.contains(": 1</title></rect>"), svg);
    }
}
