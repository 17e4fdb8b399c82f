package dev.payrail.dashboard.query;

import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.common.SqlQuery;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A merchant's payments matching a {@link PaymentFilter}, newest first, a page at a time. Paging
 * follows the API's lists: the cursor is the id of the last payment of the previous page
 * ({@link ListResponse#nextCursor()}, to pass back unchanged), and the next page is the keyset
 * {@code (created_at, id) <} that payment's, so pages stay stable while new payments arrive. A cursor
 * of another merchant's payment yields an empty page; a malformed one is a 400 on
 * {@code starting_after}.
 */
@Singleton
public class PaymentSearch {

    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 500;

    private final Pool pool;

    PaymentSearch(Pool pool) {
        this.pool = pool;
    }

    /** One page of at most {@code limit} (1 to {@link #MAX_LIMIT}) payments after {@code cursor} ({@code null}: the first page). */
    public Uni<ListResponse<Payment>> search(String merchantId, PaymentFilter filter, String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        String after = Pagination.cursor(cursor, "pay_");
        return rows(merchantId, filter, after, limit + 1)
                .map(rows -> ListResponse.of(rows, limit, p -> p, Payment::id));
    }

    /** Up to {@code fetch} matching payments after the payment {@code after}, newest first. */
    Uni<List<Payment>> rows(String merchantId, PaymentFilter f, String after, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId)
                .andIf(f.id() != null, "id = ?", f.id())
                .andIf(f.orderId() != null, "order_id = ?", f.orderId())
                // merchants see 'unknown' as 'processing' (PaymentStatus#publicName), as the API's list filters
                .andIf(f.status() == PaymentStatus.PROCESSING, "status IN ('processing', 'unknown')")
                .andIf(f.status() != null && f.status() != PaymentStatus.PROCESSING, "status = ?",
                        f.status() == null ? null : f.status().dbName())
                .andIf(f.provider() != null, "provider = ?", f.provider())
                .andIf(f.method() != null, "method = ?", f.method() == null ? null : f.method().jsonName())
                .andIf(f.currency() != null, "currency = ?", f.currency())
                .andIf(f.amountMin() != null, "amount >= ?", f.amountMin())
                .andIf(f.amountMax() != null, "amount <= ?", f.amountMax())
                .andIf(f.from() != null, "created_at >= ?", f.from())
                .andIf(f.to() != null, "created_at < ?", f.to())
                .after("payments", after, merchantId);
        String sql = "SELECT " + Payment.COLUMNS + " FROM payments" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch);
        return pool.preparedQuery(sql).execute(q.tuple()).map(rows -> rows.stream().map(Payment::from).toList());
    }
}
