package dev.payrail.report;

/**
 * One day (UTC), provider and currency of a settlement report, amounts in minor units: gross is what
 * the day's payments captured, refunds what the refunds processed that day returned, net = gross - refunds.
 */
public record SettlementLine(String day, String provider, String currency, long capturesCount, long gross,
        long refundsCount, long refunds, long net) {
}
