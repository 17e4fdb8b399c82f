package dev.payrail.billing;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.payrail.common.PublicBaseUrl;

/**
 * An invoice as the API and its events show it. {@code hosted_invoice_url} is the page the
 * customer can open without credentials (its token is unguessable); it is shown once the invoice
 * is finalized.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceView(String id, String object, String number, String status, String customer, String subscription,
        String billingReason, String currency, long subtotal, long total, long amountDue, long amountPaid,
        long amountRemaining, Instant periodStart, Instant periodEnd, int attemptCount, Instant nextPaymentAttempt,
        String payment, String lastPaymentError, String hostedInvoiceUrl, List<Line> lines, Instant createdAt,
        Instant finalizedAt, Instant paidAt, Instant voidedAt, Instant markedUncollectibleAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String id, String description, String price, int quantity, long unitAmount, long amount,
            Instant periodStart, Instant periodEnd) {

        static Line of(InvoiceLine l) {
            return new Line(l.id(), l.description(), l.priceId(), l.quantity(), l.unitAmount(), l.amount(),
                    l.periodStart(), l.periodEnd());
        }
    }

    /** The path of the hosted page of an invoice, under the public base URL. */
    public static String hostedUrl(String token) {
        return PublicBaseUrl.or(java.util.Optional.empty()) + "/invoices/hosted/" + token;
    }

    public static InvoiceView of(Invoice i, List<InvoiceLine> lines) {
        return new InvoiceView(i.id(), "invoice", i.number(), i.status().publicName(), i.customerId(), i.subscriptionId(),
                i.billingReason(), i.currency(), i.subtotal(), i.total(), i.amountDue(), i.amountPaid(),
                i.status() == InvoiceStatus.PAID || i.status() == InvoiceStatus.VOID ? 0 : i.amountDue() - i.amountPaid(),
                i.periodStart(), i.periodEnd(), i.attemptCount(), i.nextPaymentAttempt(), i.paymentId(), i.lastError(),
                i.status() == InvoiceStatus.DRAFT ? null : hostedUrl(i.hostedToken()),
                lines == null ? null : lines.stream().map(Line::of).toList(), i.createdAt(), i.finalizedAt(), i.paidAt(),
                i.voidedAt(), i.markedUncollectibleAt());
    }
}
