package dev.payrail.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.event.EventTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** What a merchant does to an invoice: void it. */
@Singleton
public class InvoiceActions {

    private final Pool pool;
    private final InvoiceStore invoices;
    private final BillingEvents events;
    private final Clock clock;
    private final InvoiceCharger charger;
    private final BillingConfig config;

    InvoiceActions(Pool pool, InvoiceStore invoices, BillingEvents events, Clock clock, InvoiceCharger charger,
            BillingConfig config) {
        this.pool = pool;
        this.invoices = invoices;
        this.events = events;
        this.clock = clock;
        this.charger = charger;
        this.config = config;
    }

    /**
     * The customer pays an open invoice from its hosted page: the next attempt is made now, on-session
     * (the issuer may ask the customer to authenticate: the page then links to it), with the customer's
     * current default card. An invoice not open, or whose charge is under way, is left as it is.
     * {@code false} when the token names no finalized invoice.
     */
    public Uni<Boolean> payFromHostedPage(String token) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return invoices.byHostedToken(token).chain(i -> {
            if (i == null) {
                return Uni.createFrom().item(false);
            }
            return invoices.claimForCustomer(i.id(), now, config.scheduler().lease())
                    .chain(claimed -> claimed == null ? Uni.createFrom().voidItem()
                            : charger.charge(claimed, now, true).replaceWithVoid())
                    .replaceWith(true);
        });
    }

    /**
     * Voids a draft or open invoice: it is never charged again ({@code invoice.voided}). An invoice
     * whose charge is under way (a payment not final yet) cannot be voided: {@code 409}.
     */
    public Uni<Invoice> voidInvoice(String merchantId, String id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(conn -> invoices.lock(conn, id).chain(i -> {
            if (i == null || !i.merchantId().equals(merchantId)) {
                throw ApiException.notFound("invoice");
            }
            if (i.status() != InvoiceStatus.DRAFT && i.status() != InvoiceStatus.OPEN) {
                throw ApiException.invalidState("invoice", i.status().publicName(), "void");
            }
            if (i.attemptInFlight()) {
                throw ApiException.invalidState("invoice", i.status().publicName(), "void")
                        .with("detail_reason", "a charge of this invoice is under way (payment " + i.paymentId() + ")");
            }
            Invoice voided = i.with(InvoiceStatus.VOID, i.amountPaid(), false, null, null, i.paymentId(), i.lastError(), now,
                    null, now, null);
            return invoices.update(conn, voided).chain(saved -> events.write(conn, List.of(new BillingEvents.Event(
                    EventTypes.INVOICE_VOIDED, merchantId, saved.id(), InvoiceView.of(saved, null))), now)
                    .map(q -> new BillingEvents.Written<>(saved, q)));
        })).map(events::told);
    }
}
