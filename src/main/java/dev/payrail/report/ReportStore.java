package dev.payrail.report;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Singleton;

import dev.payrail.payment.PaymentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A merchant's transaction summary and settlement lines over a {@link ReportRange}, aggregated by
 * PostgreSQL (one row per currency, or per day, provider and currency), merchant-scoped. A capture
 * counts when the payment first captured money ({@code payments.captured_at}, set by the database for
 * every path that captures); a refund when it was created, once processed; a dispute's money when the
 * provider reported it withdrawn or reinstated ({@code dispute_movements}). Fees are not reported: no
 * provider fee is stored.
 */
@Singleton
public class ReportStore {

    private static final String CURRENCY = " AND ($4::text IS NULL OR currency = $4)";

    private final Pool pool;

    ReportStore(Pool pool) {
        this.pool = pool;
    }

    static Tuple args(String merchantId, ReportRange r) {
        return Tuple.of(merchantId, r.from().atOffset(ZoneOffset.UTC), r.to().atOffset(ZoneOffset.UTC), r.currency());
    }

    /**
     * One summary per currency that had payments, captures, refunds or dispute movements in the period,
     * by currency code. One query, one row per (what, currency, status).
     */
    public Uni<List<TransactionSummary>> transactions(String merchantId, ReportRange range) {
        String sql = "SELECT 'payments' AS what, currency, status, count(*) AS n, 0::bigint AS a, 0::bigint AS b FROM payments"
                + " WHERE merchant_id = $1 AND created_at >= $2 AND created_at < $3" + CURRENCY + " GROUP BY currency, status"
                + " UNION ALL SELECT 'captures', currency, NULL, count(*), coalesce(sum(amount_captured), 0), 0 FROM payments"
                + " WHERE merchant_id = $1 AND captured_at >= $2 AND captured_at < $3" + CURRENCY + " GROUP BY currency"
                + " UNION ALL SELECT 'refunds', currency, NULL, count(*), coalesce(sum(amount), 0), 0 FROM refunds"
                + " WHERE merchant_id = $1 AND status = 'processed' AND created_at >= $2 AND created_at < $3" + CURRENCY
                + " GROUP BY currency"
                + " UNION ALL SELECT 'disputes', currency, NULL, count(DISTINCT dispute_id),"
                + " coalesce(sum(amount) FILTER (WHERE kind = 'withdrawal'), 0),"
                + " coalesce(sum(amount) FILTER (WHERE kind = 'reinstatement'), 0) FROM dispute_movements"
                + " WHERE merchant_id = $1 AND occurred_at >= $2 AND occurred_at < $3" + CURRENCY + " GROUP BY currency";
        return pool.preparedQuery(sql).execute(args(merchantId, range)).map(rows -> {
            Map<String, Acc> byCurrency = new TreeMap<>();
            for (Row row : rows) {
                Acc a = byCurrency.computeIfAbsent(row.getString("currency"), c -> new Acc());
                long n = row.getLong("n");
                switch (row.getString("what")) {
                    case "payments" -> {
                        a.payments += n;
                        a.byStatus.merge(PaymentStatus.fromDb(row.getString("status")).publicName(), n, Long::sum);
                    }
                    case "captures" -> {
                        a.capturedCount += n;
                        a.captured += row.getLong("a");
                    }
                    case "refunds" -> {
                        a.refundsCount += n;
                        a.refunded += row.getLong("a");
                    }
                    default -> {
                        a.disputesCount += n;
                        a.withdrawn += row.getLong("a");
                        a.reinstated += row.getLong("b");
                    }
                }
            }
            List<TransactionSummary> out = new ArrayList<>(byCurrency.size());
            byCurrency.forEach((c, a) -> out.add(new TransactionSummary(c, a.payments, a.capturedCount, a.captured,
                    a.refundsCount, a.refunded, a.disputesCount, a.withdrawn, a.reinstated,
                    a.captured - a.refunded - a.withdrawn + a.reinstated, a.byStatus)));
            return out;
        });
    }

    /** The settlement lines of the period, by day, currency and provider. */
    public Uni<List<SettlementLine>> settlement(String merchantId, ReportRange range) {
        String sql = "WITH c AS (SELECT to_char(captured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, provider, currency,"
                + " count(*) AS captures, sum(amount_captured) AS gross FROM payments"
                + " WHERE merchant_id = $1 AND captured_at >= $2 AND captured_at < $3" + CURRENCY
                + " GROUP BY 1, 2, 3),"
                + " r AS (SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, p.provider, r.currency,"
                + " count(*) AS refunds_count, sum(r.amount) AS refunds FROM refunds r"
                + " JOIN payments p ON p.id = r.payment_id AND p.merchant_id = r.merchant_id"
                + " WHERE r.merchant_id = $1 AND r.status = 'processed' AND r.created_at >= $2 AND r.created_at < $3"
                + " AND ($4::text IS NULL OR r.currency = $4) GROUP BY 1, 2, 3),"
                + " d AS (SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, provider, currency,"
                + " sum(amount) FILTER (WHERE kind = 'withdrawal') AS withdrawn,"
                + " sum(amount) FILTER (WHERE kind = 'reinstatement') AS reinstated FROM dispute_movements"
                + " WHERE merchant_id = $1 AND occurred_at >= $2 AND occurred_at < $3" + CURRENCY + " GROUP BY 1, 2, 3)"
                + " SELECT day, provider, currency, coalesce(captures, 0) AS captures, coalesce(gross, 0) AS gross,"
                + " coalesce(refunds_count, 0) AS refunds_count, coalesce(refunds, 0) AS refunds,"
                + " coalesce(withdrawn, 0) AS withdrawn, coalesce(reinstated, 0) AS reinstated"
                + " FROM c FULL JOIN r USING (day, provider, currency) FULL JOIN d USING (day, provider, currency)"
                + " ORDER BY day, currency, provider";
        return pool.preparedQuery(sql).execute(args(merchantId, range)).map(rows -> {
            List<SettlementLine> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                long gross = row.getLong("gross");
                long refunds = row.getLong("refunds");
                long withdrawn = row.getLong("withdrawn");
                long reinstated = row.getLong("reinstated");
                out.add(new SettlementLine(row.getString("day"), row.getString("provider"), row.getString("currency"),
                        row.getLong("captures"), gross, row.getLong("refunds_count"), refunds, withdrawn, reinstated,
                        gross - refunds - withdrawn + reinstated));
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
        long disputesCount;
        long withdrawn;
        long reinstated;
        final Map<String, Long> byStatus = new LinkedHashMap<>();
    }
}
