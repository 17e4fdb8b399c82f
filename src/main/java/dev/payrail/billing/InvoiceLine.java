package dev.payrail.billing;

import java.time.Instant;

import io.vertx.mutiny.sqlclient.Row;

/** One line of an invoice: {@code quantity × unitAmount = amount}, for a period. */
public record InvoiceLine(String id, String invoiceId, String description, String priceId, int quantity,
        long unitAmount, long amount, Instant periodStart, Instant periodEnd) {

    static final String COLUMNS = "id, invoice_id, description, price_id, quantity, unit_amount, amount, period_start, "
            + "period_end";

    static InvoiceLine from(Row r) {
        return new InvoiceLine(r.getString("id"), r.getString("invoice_id"), r.getString("description"),
                r.getString("price_id"), r.getInteger("quantity"), r.getLong("unit_amount"), r.getLong("amount"),
                Sql.instant(r, "period_start"), Sql.instant(r, "period_end"));
    }
}
