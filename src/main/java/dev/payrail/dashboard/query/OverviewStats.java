package dev.payrail.dashboard.query;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.money.Currencies;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The overview of a merchant's payments created in {@code [from, to)}: count, how many succeeded,
 * volume per currency, the same by method and by provider, and a time series per UTC day (per hour
 * for ranges of at most two days) with empty buckets filled. A payment <em>succeeded</em> when the
 * provider authorized it: {@link #SUCCEEDED} (a later refund or dispute does not undo that); volume
 * is the amount of succeeded payments. One query, grouped by grouping sets.
 */
@Singleton
public class OverviewStats {

    /** Statuses of payments the provider authorized. */
    public static final List<String> SUCCEEDED = List.of("authorized", "capture_pending", "captured", "cancel_pending",
            "partially_refunded", "refunded", "disputed");

    /** The longest range asked for at once. */
    public static final Duration MAX_RANGE = Duration.ofDays(366);

    /** Ranges up to this long are bucketed per hour. */
    public static final Duration HOURLY_UP_TO = Duration.ofDays(2);

    public enum Granularity { HOUR, DAY }

    /** Payments and succeeded ones in a group, with succeeded volume per currency (minor units). */
    public record Tally(long count, long succeeded, Map<String, Long> volume) {

        /** succeeded / count, 0 when there were none. */
        public double successRate() {
            return count == 0 ? 0 : (double) succeeded / count;
        }

        /** A volume as a decimal in the currency's major unit ("10.50"). */
        public String volumeMajor(String currency) {
            return Currencies.formatMajor(volume.getOrDefault(currency, 0L), currency);
        }
    }

    /** One bucket of the series, starting at {@code start}. */
    public record Point(Instant start, Tally tally) {
    }

    public record Overview(Instant from, Instant to, Granularity granularity, Tally total, Map<String, Tally> byMethod,
            Map<String, Tally> byProvider, List<Point> series) {
    }

    private static final String SQL = """
            SELECT method, provider, date_trunc($4, created_at AT TIME ZONE 'UTC') AS bucket, currency,
                   GROUPING(method) AS g_method, GROUPING(provider) AS g_provider,
                   GROUPING(date_trunc($4, created_at AT TIME ZONE 'UTC')) AS g_bucket,
                   count(*) AS n,
                   count(*) FILTER (WHERE status = ANY($5)) AS ok,
                   coalesce(sum(amount) FILTER (WHERE status = ANY($5)), 0) AS volume
              FROM payments
             WHERE merchant_id = $1 AND created_at >= $2 AND created_at < $3
             GROUP BY GROUPING SETS ((currency), (method, currency), (provider, currency),
                                     (date_trunc($4, created_at AT TIME ZONE 'UTC'), currency))""";

    private final Pool pool;

    OverviewStats(Pool pool) {
        this.pool = pool;
    }

    /** A range of the overview, {@code [from, to)}. */
    public record Range(Instant from, Instant to) {
    }

    /**
     * The range the page's {@code from} and {@code to} parameters name (dates, midnight UTC, or
     * ISO-8601 timestamps, as {@link PaymentFilter}); without {@code to} it ends at the start of
     * tomorrow (UTC), without {@code from} it starts {@code defaultDays} before its end. Bad values
     * are a 400 naming the parameter; the range itself is checked by {@link #overview}.
     */
    public static Range rangeFromQuery(Map<String, String> query, Instant now, int defaultDays) {
        var from = PaymentFilter.instant(query, "from");
        var to = PaymentFilter.instant(query, "to");
        Instant end = to != null ? to.toInstant() : now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        return new Range(from != null ? from.toInstant() : end.minus(defaultDays, ChronoUnit.DAYS), end);
    }

    /** The overview of {@code [from, to)}; a 400 on {@code from} when the range is empty or longer than {@link #MAX_RANGE}. */
    public Uni<Overview> overview(String merchantId, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw ApiException.badRequest("from must be before to.", "from");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiException.badRequest("The range may be at most " + MAX_RANGE.toDays() + " days.", "from");
        }
        Granularity g = Duration.between(from, to).compareTo(HOURLY_UP_TO) <= 0 ? Granularity.HOUR : Granularity.DAY;
        return pool.preparedQuery(SQL)
                .execute(Tuple.of(merchantId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC),
                        g.name().toLowerCase(), SUCCEEDED.toArray(String[]::new)))
                .map(rows -> assemble(rows, from, to, g));
    }

    private static Overview assemble(RowSet<Row> rows, Instant from, Instant to, Granularity g) {
        Acc total = new Acc();
        Map<String, Acc> byMethod = new java.util.TreeMap<>();
        Map<String, Acc> byProvider = new java.util.TreeMap<>();
        Map<Instant, Acc> byBucket = new HashMap<>();
        for (Row r : rows) {
            Acc acc;
            if (r.getInteger("g_method") == 0) {
                acc = byMethod.computeIfAbsent(r.getString("method"), k -> new Acc());
            } else if (r.getInteger("g_provider") == 0) {
                acc = byProvider.computeIfAbsent(r.getString("provider"), k -> new Acc());
            } else if (r.getInteger("g_bucket") == 0) {
                acc = byBucket.computeIfAbsent(r.getLocalDateTime("bucket").toInstant(ZoneOffset.UTC), k -> new Acc());
            } else {
                acc = total;
            }
            acc.add(r.getString("currency"), r.getLong("n"), r.getLong("ok"), r.getLong("volume"));
        }
        ChronoUnit unit = g == Granularity.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        List<Point> series = new ArrayList<>();
        for (Instant b = from.truncatedTo(unit); b.isBefore(to); b = b.plus(1, unit)) {
            series.add(new Point(b, byBucket.getOrDefault(b, new Acc()).tally()));
        }
        return new Overview(from, to, g, total.tally(), tallies(byMethod), tallies(byProvider), List.copyOf(series));
    }

    private static Map<String, Tally> tallies(Map<String, Acc> accs) {
        Map<String, Tally> out = new java.util.LinkedHashMap<>();
        accs.forEach((k, v) -> out.put(k, v.tally()));
        return out;
    }

    private static final class Acc {
        long count;
        long succeeded;
        final Map<String, Long> volume = new java.util.TreeMap<>();

        void add(String currency, long n, long ok, long amount) {
            count += n;
            succeeded += ok;
            if (ok > 0) {
                volume.merge(currency.strip(), amount, Long::sum);
            }
        }

        Tally tally() {
            return new Tally(count, succeeded, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(volume)));
        }
    }
}
