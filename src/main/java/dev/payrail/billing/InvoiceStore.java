package dev.payrail.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.SqlQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Invoices and their lines in PostgreSQL; reads scoped to the merchant, or to the hosted page's token. */
@Singleton
public class InvoiceStore {

    private static final String INSERT = """
            INSERT INTO invoices (id, merchant_id, customer_id, subscription_id, status, billing_reason, currency, subtotal,
                                  total, amount_due, period_start, period_end, hosted_token, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $7, $7, $8, $9, $10, $11, $11)
            ON CONFLICT (subscription_id, period_start) DO NOTHING
            RETURNING %s""".formatted(Invoice.COLUMNS);

    private static final String INSERT_LINE = """
            INSERT INTO invoice_lines (id, invoice_id, merchant_id, description, price_id, quantity, unit_amount, amount,
                                       period_start, period_end, position)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""";

    /** The merchant's next invoice number: the counter row stays locked until the finalizing transaction ends. */
    private static final String NEXT_NUMBER = """
            INSERT INTO invoice_number_counters (merchant_id, last_number) VALUES ($1, 1)
            ON CONFLICT (merchant_id) DO UPDATE SET last_number = invoice_number_counters.last_number + 1
            RETURNING last_number""";

    private static final String FINALIZE = """
            UPDATE invoices SET status = 'open', number = $2, finalized_at = $3, updated_at = $3, next_payment_attempt = $3
             WHERE id = $1 AND status = 'draft'
            RETURNING %s""".formatted(Invoice.COLUMNS);

    /**
     * Open invoices due for a charge whose last claim expired, each claimed (leased) by this run: one
     * statement, so two runs never claim the same invoice. An attempt whose outcome was never recorded
     * (a crash mid-charge, a pending payment) keeps its number, so that it is resent under the same
     * idempotency key; otherwise the claim starts the next attempt.
     */
    private static final String CLAIM_DUE = """
            WITH due AS (
                SELECT id FROM invoices
                 WHERE status = 'open' AND next_payment_attempt <= $1 AND (lease_until IS NULL OR lease_until <= $1)
                   AND ($4::varchar IS NULL OR merchant_id = $4)
                 ORDER BY next_payment_attempt LIMIT $3 FOR UPDATE SKIP LOCKED)
            UPDATE invoices i
               SET attempt_count = CASE WHEN i.attempt_in_flight THEN i.attempt_count ELSE i.attempt_count + 1 END,
                   attempt_in_flight = true, lease_until = $2, updated_at = $1
              FROM due WHERE i.id = due.id
            RETURNING %s""".formatted(columns("i"));

    private final Pool pool;

    InvoiceStore(Pool pool) {
        this.pool = pool;
    }

    private static String columns(String alias) {
        return alias + "." + Invoice.COLUMNS.replace(", ", ", " + alias + ".");
    }

    /** Inserts the draft and its lines; {@code null} when the subscription's period has its invoice already. */
    Uni<Invoice> insertDraft(SqlConnection conn, Invoice draft, List<InvoiceLine> lines) {
        return conn.preparedQuery(INSERT).execute(Tuple.from(new Object[] { draft.id(), draft.merchantId(),
                draft.customerId(), draft.subscriptionId(), draft.billingReason(), draft.currency(), draft.total(),
                Sql.at(draft.periodStart()), Sql.at(draft.periodEnd()), draft.hostedToken(), Sql.at(draft.createdAt()) }))
                .chain(rows -> {
                    Invoice inserted = first(rows);
                    if (inserted == null) {
                        return Uni.createFrom().nullItem();
                    }
                    List<Tuple> batch = new java.util.ArrayList<>();
                    for (int i = 0; i < lines.size(); i++) {
                        InvoiceLine l = lines.get(i);
                        batch.add(Tuple.from(new Object[] { l.id(), inserted.id(), draft.merchantId(), l.description(),
                                l.priceId(), l.quantity(), l.unitAmount(), l.amount(), Sql.at(l.periodStart()),
                                Sql.at(l.periodEnd()), i }));
                    }
                    return conn.preparedQuery(INSERT_LINE).executeBatch(batch).replaceWith(inserted);
                });
    }

    /** The draft finalized with the merchant's next number, open and due for its first charge at {@code now}. */
    Uni<Invoice> finalizeDraft(SqlConnection conn, Invoice draft, Instant now) {
        return conn.preparedQuery(NEXT_NUMBER).execute(Tuple.of(draft.merchantId()))
                .map(rows -> rows.iterator().next().getLong("last_number"))
                .chain(n -> conn.preparedQuery(FINALIZE).execute(Tuple.of(draft.id(), number(n), Sql.at(now))))
                .map(InvoiceStore::first);
    }

    /** {@code INV-000042}: the merchant's 42nd invoice. */
    static String number(long n) {
        return "INV-%06d".formatted(n);
    }

    /** See {@link #CLAIM_DUE}; {@code merchantId} limits it to one merchant ({@code null}: all). */
    Uni<List<Invoice>> claimDue(Instant now, Duration lease, int batch, String merchantId) {
        return pool.preparedQuery(CLAIM_DUE).execute(Tuple.of(Sql.at(now), Sql.at(now.plus(lease)), batch, merchantId))
                .map(rows -> rows.stream().map(Invoice::from).toList());
    }

    /** The invoice {@code id} claimed like {@link #claimDue} would claim it; {@code null} when it is not due or is claimed. */
    Uni<Invoice> claimOne(String id, Instant now, Duration lease) {
        return pool.preparedQuery(CLAIM_DUE.replace("WHERE status = 'open'", "WHERE id = $5 AND status = 'open'"))
                .execute(Tuple.from(new Object[] { Sql.at(now), Sql.at(now.plus(lease)), 1, null, id }))
                .map(InvoiceStore::first);
    }

    /**
     * An open invoice its customer pays from the hosted page: claimed now whatever its retry time,
     * starting the next attempt, unless a charge of it is under way or leased; {@code null} then.
     */
    Uni<Invoice> claimForCustomer(String id, Instant now, Duration lease) {
        return pool.preparedQuery("""
                UPDATE invoices SET attempt_count = attempt_count + 1, attempt_in_flight = true, lease_until = $2,
                       updated_at = $1
                 WHERE id = $3 AND status = 'open' AND NOT attempt_in_flight AND (lease_until IS NULL OR lease_until <= $1)
                RETURNING %s""".formatted(Invoice.COLUMNS))
                .execute(Tuple.of(Sql.at(now), Sql.at(now.plus(lease)), id)).map(InvoiceStore::first);
    }

    /** The invoice locked for the transaction of {@code conn}. */
    Uni<Invoice> lock(SqlConnection conn, String id) {
        return conn.preparedQuery("SELECT " + Invoice.COLUMNS + " FROM invoices WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)).map(InvoiceStore::first);
    }

    /** Writes the fields a charge or an action changes. */
    Uni<Invoice> update(SqlConnection conn, Invoice i) {
        return conn.preparedQuery("""
                UPDATE invoices SET status = $2, amount_paid = $3, attempt_in_flight = $4, next_payment_attempt = $5,
                       lease_until = $6, payment_id = $7, last_error = $8, updated_at = $9, paid_at = $10, voided_at = $11,
                       marked_uncollectible_at = $12
                 WHERE id = $1
                RETURNING %s""".formatted(Invoice.COLUMNS)).execute(Tuple.from(new Object[] { i.id(),
                i.status().publicName(), i.amountPaid(), i.attemptInFlight(), Sql.at(i.nextPaymentAttempt()),
                Sql.at(i.leaseUntil()), i.paymentId(), i.lastError(), Sql.at(i.updatedAt()), Sql.at(i.paidAt()),
                Sql.at(i.voidedAt()), Sql.at(i.markedUncollectibleAt()) })).map(InvoiceStore::first);
    }

    public Uni<Invoice> find(String merchantId, String id) {
        return pool.preparedQuery("SELECT " + Invoice.COLUMNS + " FROM invoices WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(InvoiceStore::first);
    }

    /** The finalized invoice of a hosted link; {@code null} for an unknown token or a draft. */
    public Uni<Invoice> byHostedToken(String token) {
        return pool.preparedQuery("SELECT " + Invoice.COLUMNS + " FROM invoices WHERE hosted_token = $1 AND status <> 'draft'")
                .execute(Tuple.of(token)).map(InvoiceStore::first);
    }

    public Uni<List<InvoiceLine>> lines(String invoiceId) {
        return pool.preparedQuery("SELECT " + InvoiceLine.COLUMNS + " FROM invoice_lines WHERE invoice_id = $1 ORDER BY position")
                .execute(Tuple.of(invoiceId)).map(rows -> rows.stream().map(InvoiceLine::from).toList());
    }

    /** The newest invoice of a subscription, or {@code null}. */
    public Uni<String> latestOf(String merchantId, String subscriptionId) {
        return pool.preparedQuery("SELECT id FROM invoices WHERE subscription_id = $1 AND merchant_id = $2"
                + " ORDER BY created_at DESC, id DESC LIMIT 1").execute(Tuple.of(subscriptionId, merchantId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("id") : null);
    }

    public Uni<List<Invoice>> list(String merchantId, String subscriptionId, String customerId, InvoiceStatus status,
            String startingAfter, int fetch) {
        SqlQuery q = new SqlQuery().and("merchant_id = ?", merchantId)
                .andIf(subscriptionId != null, "subscription_id = ?", subscriptionId)
                .andIf(customerId != null, "customer_id = ?", customerId)
                .andIf(status != null, "status = ?", status == null ? null : status.publicName())
                .after("invoices", startingAfter, merchantId);
        return pool.preparedQuery("SELECT " + Invoice.COLUMNS + " FROM invoices" + q.where()
                + " ORDER BY created_at DESC, id DESC LIMIT " + q.bind(fetch)).execute(q.tuple())
                .map(rows -> rows.stream().map(Invoice::from).toList());
    }

    private static Invoice first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Invoice.from(it.next()) : null;
    }
}
