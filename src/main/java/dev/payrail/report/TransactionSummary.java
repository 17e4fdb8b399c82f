package dev.payrail.report;

import java.util.Map;

/**
 * One currency's totals over a report's period, amounts in minor units. Payments (and their counts by
 * status) are those created in the period; captured is what payments captured in the period; refunded
 * is what refunds processed in the period returned; dispute withdrawn and reinstated are the disputes'
 * money movements in the period (disputes_count: the disputes that moved money); net = captured -
 * refunded - dispute withdrawn + dispute reinstated. Fees are not reported: no provider's fee is stored.
 */
public record TransactionSummary(String currency, long paymentsCount, long capturedCount, long captured,
        long refundsCount, long refunded, long disputesCount, long disputeWithdrawn, long disputeReinstated, long net,
        Map<String, Long> countsByStatus) {
}
