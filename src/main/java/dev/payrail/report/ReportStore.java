package dev.payrail.report;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.payrail.payment.PaymentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A merchant's transaction summary and settlement lines over a {@link ReportRange}, aggregated by
 * PostgreSQL (one row per currency, or per day, provider and currency), merchant-scoped. A capture
 * counts on the day its payment was created (the payments table keeps no capture time); a refund on
 * the day it was created, once processed.
 */
@ApplicationScoped
public class ReportStore {

    private static final String CURRENCY = " AND ($4::text IS NULL OR currency = $4)";

    private final Pool pool;

    ReportStore(Pool pool) {
        this.pool = pool;
    }

    static Tuple args(String merchantId, ReportRange r) {
        return Tuple.of(merchantId, r.from().atOffset(ZoneOffset.UTC), r.to().atOffset(ZoneOffset.UTC), r.currency());
    }

    /** One summary per currency that had payments or refunds in the period, by currency code. */
    public Uni<List<TransactionSummary>> transactions(String merchantId, ReportRange range) {
        Tuple args = args(merchantId, range);
        String payments = "SELECT currency, status, count(*) AS n, count(*) FILTER (WHERE amount_captured > 0) AS nc,"
                + " coalesce(sum(amount_captured), 0) AS captured FROM payments"
                + " WHERE merchant_id = $1 AND created_at >= $2 AND created_at < $3" + CURRENCY
                + " GROUP BY currency, status";
        String refunds = "SELECT currency, count(*) AS n, coalesce(sum(amount), 0) AS refunded FROM refunds"
                + " WHERE merchant_id = $1 AND status = 'processed' AND created_at >= $2 AND created_at < $3" + CURRENCY
                + " GROUP BY currency";
        return pool.preparedQuery(payments).execute(args).chain(pRows -> pool.preparedQuery(refunds).execute(args)
                .map(rRows -> {
                    Map<String, Acc> byCurrency = new TreeMap<>();
                    for (Row row : pRows) {
                        Acc a = byCurrency.computeIfAbsent(row.getString("currency"), c -> new Acc());
                        long n = row.getLong("n");
                        a.payments += n;
                        a.capturedCount += row.getLong("nc");
                        a.captured += row.getLong("captured");
                        a.byStatus.merge(PaymentStatus.fromDb(row.getString("status")).publicName(), n, Long::sum);
                    }
                    for (Row row : rRows) {
                        Acc a = byCurrency.computeIfAbsent(row.getString("currency"), c -> new Acc());
                        a.refundsCount += row.getLong("n");
                        a.refunded += row.getLong("refunded");
                    }
                    List<TransactionSummary> out = new ArrayList<>(byCurrency.size());
                    byCurrency.forEach((c, a) -> out.add(new TransactionSummary(c, a.payments, a.capturedCount,
                            a.captured, a.refundsCount, a.refunded, a.captured - a.refunded, a.byStatus)));
                    return out;
                }));
    }

    /** The settlement lines of the period, by day, currency and provider. */
    public Uni<List<SettlementLine>> settlement(String merchantId, ReportRange range) {
        String sql = "WITH c AS (SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, provider, currency,"
                + " count(*) AS captures, sum(amount_captured) AS gross FROM payments"
                + " WHERE merchant_id = $1 AND created_at >= $2 AND created_at < $3 AND amount_captured > 0" + CURRENCY
                + " GROUP BY 1, 2, 3),"
                + " r AS (SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, p.provider, r.currency,"
                + " count(*) AS refunds_count, sum(r.amount) AS refunds FROM refunds r"
                + " JOIN payments p ON p.id = r.payment_id AND p.merchant_id = r.merchant_id"
                + " WHERE r.merchant_id = $1 AND r.status = 'processed' AND r.created_at >= $2 AND r.created_at < $3"
                + " AND ($4::text IS NULL OR r.currency = $4) GROUP BY 1, 2, 3)"
                + " SELECT day, provider, currency, coalesce(captures, 0) AS captures, coalesce(gross, 0) AS gross,"
                + " coalesce(refunds_count, 0) AS refunds_count, coalesce(refunds, 0) AS refunds"
                + " FROM c FULL JOIN r USING (day, provider, currency) ORDER BY day, currency, provider";
        return pool.preparedQuery(sql).execute(args(merchantId, range)).map(rows -> {
            List<SettlementLine> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                long gross = row.getLong("gross");
                long refunds = row.getLong("refunds");
                out.add(new SettlementLine(row.getString("day"), row.getString("provider"), row.getString("currency"),
                        row.getLong("captures"), gross, row.getLong("refunds_count"), refunds, gross - refunds));
            }
            return out;
        });
    }

    private static final class Acc {
        long payments;
        long capturedCount;
        long captured;
        long refundsCount;
        long refunded;
        final Map<String, Long> byStatus = new LinkedHashMap<>();
    }
}
