package dev.payrail.billing.web;

import java.util.Map;

/**
 * {@code POST /api/v1/prices}: {@code unit_amount} in the currency's minor units, billed every
 * {@code recurring.interval_count} {@code recurring.interval}s (day, week, month, year).
 */
public record PriceRequest(String product, Long unitAmount, String currency, Recurring recurring, String nickname,
        Map<String, Object> metadata) {

    public record Recurring(String interval, Integer intervalCount) {
    }
}
