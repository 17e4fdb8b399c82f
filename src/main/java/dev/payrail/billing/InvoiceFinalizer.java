package dev.payrail.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.event.EventTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The invoice of one subscription period, on the caller's transaction: the draft with its line
 * ({@code quantity × unit amount}), then at once finalized — numbered from the merchant's counter
 * row, {@code open}, due for its first charge — with {@code invoice.created} and
 * {@code invoice.finalized}. Numbers have no gaps: a transaction that rolls back rolls its number back.
 */
@Singleton
class InvoiceFinalizer {

    /** The open invoice and the events to write with it. */
    record Finalized(Invoice invoice, List<BillingEvents.Event> events) {
    }

    private final InvoiceStore invoices;

    InvoiceFinalizer(InvoiceStore invoices) {
        this.invoices = invoices;
    }

    /**
     * The invoice of period {@code index} of {@code s} ({@code [start, end)}), or {@code null} when that
     * period has one already.
     */
    Uni<Finalized> invoice(SqlConnection conn, Subscription s, Price price, Product product, Instant start, Instant end,
            String reason, Instant now) {
        long amount = Math.multiplyExact(price.unitAmount(), (long) s.quantity());
        String id = Ids.newId("in_");
        String description = s.quantity() + " × " + (product == null ? price.id() : product.name())
                + (price.nickname() == null ? "" : " (" + price.nickname() + ")");
        InvoiceLine line = new InvoiceLine(Ids.newId("il_"), id, description, price.id(), s.quantity(), price.unitAmount(),
                amount, start, end);
        Invoice draft = new Invoice(id, s.merchantId(), s.customerId(), s.id(), null, InvoiceStatus.DRAFT, reason,
                price.currency(), amount, amount, 0, amount, start, end, 0, false, null, null, null, null, "hin_" + Ids.random(32),
                now, now, null, null, null, null);
        return invoices.insertDraft(conn, draft, List.of(line)).chain(inserted -> {
            if (inserted == null) {
                return Uni.createFrom().nullItem();
            }
            List<BillingEvents.Event> events = new ArrayList<>();
            events.add(new BillingEvents.Event(EventTypes.INVOICE_CREATED, s.merchantId(), id,
                    InvoiceView.of(inserted, List.of(line))));
            return invoices.finalizeDraft(conn, inserted, now).map(open -> {
                events.add(new BillingEvents.Event(EventTypes.INVOICE_FINALIZED, s.merchantId(), id,
                        InvoiceView.of(open, List.of(line))));
                return new Finalized(open, events);
            });
        });
    }
}
