package dev.payrail.billing.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.inject.Singleton;

import dev.payrail.billing.Invoice;
import dev.payrail.billing.InvoiceStatus;
import dev.payrail.billing.InvoiceStore;
import dev.payrail.customer.CustomerStore;
import dev.payrail.money.Currencies;
import dev.payrail.payment.PaymentOrchestrator;
import dev.payrail.payment.PaymentStatus;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The HTML view of an invoice (Qute, escaped): number, status, customer, lines and totals in major
 * units; for an open invoice whose payment awaits the customer's authentication, the link that
 * completes it.
 */
@Singleton
class InvoicePage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    /** A line as printed. */
    record Line(String description, int quantity, String unitAmount, String amount, String period) {
    }

    private final Template template;
    private final InvoiceStore invoices;
    private final CustomerStore customers;
    private final PaymentOrchestrator payments;

    InvoicePage(@Location("billing/invoice.html") Template template, InvoiceStore invoices, CustomerStore customers,
            PaymentOrchestrator payments) {
        this.template = template;
        this.invoices = invoices;
        this.customers = customers;
        this.payments = payments;
    }

    Uni<String> render(Invoice i) {
        Uni<String> actionUrl = i.status() != InvoiceStatus.OPEN || i.paymentId() == null ? Uni.createFrom().nullItem()
                : payments.require(i.merchantId(), i.paymentId()).map(p -> p.status() == PaymentStatus.REQUIRES_ACTION
                        && p.nextAction() != null && p.nextAction().get("url") instanceof String url ? url : null)
                        .onFailure().recoverWithNull();
        return invoices.lines(i.id()).chain(lines -> customers.find(i.merchantId(), i.customerId())
                .chain(c -> actionUrl.chain(url -> template.instance()
                        .data("number", i.number() == null ? "Draft" : i.number())
                        .data("status", i.status().publicName())
                        .data("customerName", c == null ? null : c.name())
                        .data("customerEmail", c == null ? null : c.email())
                        .data("period", DAY.format(i.periodStart()) + " – " + DAY.format(i.periodEnd()))
                        .data("lines", lines.stream().map(l -> new Line(l.description(), l.quantity(),
                                money(l.unitAmount(), i.currency()), money(l.amount(), i.currency()),
                                DAY.format(l.periodStart()) + " – " + DAY.format(l.periodEnd()))).toList())
                        .data("subtotal", money(i.subtotal(), i.currency()))
                        .data("total", money(i.total(), i.currency()))
                        .data("amountPaid", money(i.amountPaid(), i.currency()))
                        .data("amountDue", money(i.status() == InvoiceStatus.PAID || i.status() == InvoiceStatus.VOID ? 0
                                : i.amountDue() - i.amountPaid(), i.currency()))
                        .data("actionUrl", url)
                        .data("payable", i.status() == InvoiceStatus.OPEN && !i.attemptInFlight() && url == null)
                        .data("payPath", "/invoices/hosted/" + i.hostedToken() + "/pay")
                        .data("lastError", i.status() == InvoiceStatus.OPEN ? i.lastError() : null)
                        .createUni())));
    }

    private static String money(long minor, String currency) {
        return Currencies.formatMajor(minor, currency) + " " + currency;
    }

}
