package dev.payrail.dashboard.query;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.CsvCells;
import dev.payrail.money.Currencies;
import dev.payrail.payment.Payment;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The payments of a {@link PaymentFilter} as CSV (RFC 4180: comma separated, CRLF line ends, a
 * header line), streamed: pages of {@link #PAGE_SIZE} are read through the search's keyset one after
 * the other as the consumer asks for lines, so an export of any size holds one page in memory.
 * Amounts are decimals in the currency's major unit ({@code 10.50} USD, {@code 1050} JPY). Text
 * cells are injection-safe for spreadsheets (OWASP CSV injection): a cell beginning with
 * {@code = + - @}, tab or carriage return (or their full-width forms) gets a leading {@code '}
 * and is quoted.
 */
@Singleton
public class PaymentCsvExport {

    /** Rows read per query. */
    public static final int PAGE_SIZE = 500;

    static final List<String> HEADER = List.of("id", "created_at", "order_id", "status", "method", "provider",
            "currency", "amount", "amount_captured", "amount_refunded", "provider_reference", "error_code",
            "decline_code");

    private final PaymentSearch search;

    PaymentCsvExport(PaymentSearch search) {
        this.search = search;
    }

    /** The header line, then one line per payment, newest first; each line ends with CRLF. */
    public Multi<String> export(String merchantId, PaymentFilter filter) {
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(line(HEADER)),
                pages(merchantId, filter, PAGE_SIZE).onItem().transformToIterable(page -> {
                    List<String> lines = new ArrayList<>(page.size());
                    for (Payment p : page) {
                        lines.add(line(row(p)));
                    }
                    return lines;
                }));
    }

    /** The matching payments, a page of at most {@code pageSize} per item, each page read when it is asked for. */
    Multi<List<Payment>> pages(String merchantId, PaymentFilter filter, int pageSize) {
        return Multi.createBy().repeating()
                .uni(Keyset::new, k -> k.done ? Uni.createFrom().item(List.<Payment>of())
                        : search.rows(merchantId, filter, k.last, pageSize).invoke(page -> {
                            k.done = page.size() < pageSize;
                            if (!page.isEmpty()) {
                                k.last = page.get(page.size() - 1).id();
                            }
                        }))
                .until(List::isEmpty);
    }

    /** Where the export is: the last payment read, and whether the last page was short. */
    private static final class Keyset {
        String last;
        boolean done;
    }

    static List<String> row(Payment p) {
        return List.of(p.id(), p.createdAt().toString(), p.orderId(), p.status().publicName(), p.method().jsonName(),
                p.provider(), p.currency(), Currencies.formatMajor(p.amount(), p.currency()),
                Currencies.formatMajor(p.amountCaptured(), p.currency()),
                Currencies.formatMajor(p.amountRefunded(), p.currency()), nullToEmpty(p.providerReference()),
                nullToEmpty(p.errorCode()), nullToEmpty(p.declineCode()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The cells as one CSV line ending with CRLF ({@link CsvCells#line}). */
    static String line(List<String> cells) {
        return CsvCells.line(cells);
    }

    /** One cell ({@link CsvCells#cell}): neutralised when a spreadsheet would read it as a formula, quoted when RFC 4180 requires. */
    static String cell(String value) {
        return CsvCells.cell(value);
    }
}
