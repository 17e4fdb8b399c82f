package dev.payrail.report;

/**
 * One day (UTC), provider and currency of a settlement report, amounts in minor units: gross is what
 * payments captured that day, refunds what the refunds processed that day returned, dispute withdrawn
 * and reinstated what disputes took and gave back that day, net = gross - refunds - dispute withdrawn
 * + dispute reinstated.
 */
public record SettlementLine(String day, String provider, String currency, long capturesCount, long gross,
        long refundsCount, long refunds, long disputeWithdrawn, long disputeReinstated, long net) {
}
