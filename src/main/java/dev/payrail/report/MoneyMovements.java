package dev.payrail.report;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import dev.payrail.common.CsvCells;
import dev.payrail.money.Currencies;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The money movements of a {@link ReportRange} as CSV, one line per movement, oldest first: a
 * {@code capture} per payment that first captured money in the period (dated by {@code payments.captured_at}),
 * a {@code refund} per processed refund created in the period, and per money movement of a dispute a
 * {@code dispute_withdrawal} (a negative amount) or {@code dispute_reinstatement} (positive), with the
 * dispute's id, its status now and the provider's dispute id as {@code provider_reference}. Streamed: pages of
 * {@link #PAGE_SIZE} are read with the keyset {@code (occurred_at, id)} (never OFFSET) as the
 * consumer asks for lines, so a report of any size holds one page in memory. Cells go through
 * {@link CsvCells} (injection-safe).
 */
@Singleton
public class MoneyMovements {

    /** Rows read per query. */
    public static final int PAGE_SIZE = 500;

    static final List<String> HEADER = List.of("type", "id", "payment_id", "occurred_at", "provider", "currency",
            "amount_minor", "amount", "status", "provider_reference", "dispute_id");

    private static final String SQL = "SELECT * FROM ("
            + "(SELECT 'capture' AS type, id, id AS payment_id, captured_at AS occurred_at, provider, currency,"
            + " amount_captured AS amount, status, provider_reference, NULL::varchar AS dispute_id FROM payments"
            + " WHERE merchant_id = $1 AND captured_at < $3 AND (captured_at, id) > ($2, $5)"
            + " AND ($4::text IS NULL OR currency = $4) ORDER BY captured_at, id LIMIT $6)"
            + " UNION ALL"
            + " (SELECT 'refund', r.id, r.payment_id, r.created_at, p.provider, r.currency, r.amount, r.status,"
            + " r.provider_reference, NULL FROM refunds r JOIN payments p ON p.id = r.payment_id AND p.merchant_id = r.merchant_id"
            + " WHERE r.merchant_id = $1 AND r.status = 'processed' AND r.created_at < $3"
            + " AND (r.created_at, r.id) > ($2, $5) AND ($4::text IS NULL OR r.currency = $4)"
            + " ORDER BY r.created_at, r.id LIMIT $6)"
            + " UNION ALL"
            + " (SELECT 'dispute_' || m.kind, m.id, m.payment_id, m.occurred_at, m.provider, m.currency,"
            + " CASE WHEN m.kind = 'withdrawal' THEN -m.amount ELSE m.amount END, d.status, d.provider_dispute_id, m.dispute_id"
            + " FROM dispute_movements m JOIN disputes d ON d.id = m.dispute_id AND d.merchant_id = m.merchant_id"
            + " WHERE m.merchant_id = $1 AND m.occurred_at < $3 AND (m.occurred_at, m.id) > ($2, $5)"
            + " AND ($4::text IS NULL OR m.currency = $4) ORDER BY m.occurred_at, m.id LIMIT $6)"
            + ") m ORDER BY occurred_at, id LIMIT $6";

    private final Pool pool;
    private final AtomicLong pagesRead = new AtomicLong();

    MoneyMovements(Pool pool) {
        this.pool = pool;
    }

    /** How many page queries this instance has run (observability, and the proof in tests that exports page). */
    public long pagesRead() {
        return pagesRead.get();
    }

    /** The header line, then one line per movement; each line ends with CRLF. */
    public Multi<String> csv(String merchantId, ReportRange range) {
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(CsvCells.line(HEADER)),
                pages(merchantId, range).onItem().transformToIterable(page -> {
                    List<String> lines = new ArrayList<>(page.size());
                    for (List<String> row : page) {
                        lines.add(CsvCells.line(row));
                    }
                    return lines;
                }));
    }

    Multi<List<List<String>>> pages(String merchantId, ReportRange range) {
        return Multi.createBy().repeating()
                .uni(() -> new Keyset(range.from().atOffset(ZoneOffset.UTC)),
                        k -> k.done ? Uni.createFrom().item(List.<List<String>>of()) : page(merchantId, range, k))
                .until(List::isEmpty);
    }

    private Uni<List<List<String>>> page(String merchantId, ReportRange range, Keyset k) {
        pagesRead.incrementAndGet();
        Tuple args = Tuple.of(merchantId, k.at, range.to().atOffset(ZoneOffset.UTC), range.currency(), k.id, PAGE_SIZE);
        return pool.preparedQuery(SQL).execute(args).map(rows -> {
            List<List<String>> page = new ArrayList<>(rows.size());
            for (Row row : rows) {
                OffsetDateTime at = row.getOffsetDateTime("occurred_at");
                String currency = row.getString("currency");
                long amount = row.getLong("amount");
                page.add(List.of(row.getString("type"), row.getString("id"), row.getString("payment_id"),
                        at.toInstant().toString(), row.getString("provider"), currency, Long.toString(amount),
                        Currencies.formatMajor(amount, currency), publicStatus(row.getString("type"), row.getString("status")),
                        nullToEmpty(row.getString("provider_reference")), nullToEmpty(row.getString("dispute_id"))));
                k.at = at;
                k.id = row.getString("id");
            }
            k.done = page.size() < PAGE_SIZE;
            return page;
        });
    }

    private static String publicStatus(String type, String status) {
        return "capture".equals(type) ? dev.payrail.payment.PaymentStatus.fromDb(status).publicName() : status;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Where the export is: the last movement read, and whether the last page was short. */
    private static final class Keyset {
        OffsetDateTime at;
        String id = "";
        boolean done;

        Keyset(OffsetDateTime from) {
            this.at = from;
        }
    }
}
