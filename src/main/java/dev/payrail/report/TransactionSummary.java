package dev.payrail.report;

import java.util.Map;

/**
 * One currency's totals over a report's period, amounts in minor units. Payments are those created
 * in the period; captured is what they captured; refunded is what refunds processed in the period
 * returned; net = captured - refunded. Fees are not reported: no provider's fee is stored today.
 */
public record TransactionSummary(String currency, long paymentsCount, long capturedCount, long captured,
        long refundsCount, long refunded, long net, Map<String, Long> countsByStatus) {
}
