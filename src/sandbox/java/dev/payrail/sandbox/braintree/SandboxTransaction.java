package dev.payrail.sandbox.braintree;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.payrail.connector.braintree.BraintreeXml;
import dev.payrail.connector.braintree.BraintreeXml.Element;

/**
 * One transaction of the emulator (a sale or a credit), written as Braintree's {@code <transaction>}.
 * Mutated only while holding its own lock.
 */
final class SandboxTransaction {

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private record StatusEvent(String status, BigDecimal amount, Instant at) {
    }

    final String id;
    final String account;
    final String type;
    final String currency;
    final String merchantAccountId;
    final String orderId;
    final String refundedTransactionId;
    final String bin;
    final String last4;
    final String cardType;
    final String expirationMonth;
    final String expirationYear;
    final String cardholderName;
    final Instant createdAt;
    String status;
    BigDecimal amount;
    String processorResponseCode;
    String processorResponseText;
    String processorResponseType;
    String gatewayRejectionReason;
    Instant updatedAt;
    final List<String> refundIds = new ArrayList<>();
    private final List<StatusEvent> history = new ArrayList<>();

    SandboxTransaction(Builder b) {
        this.id = b.id;
        this.account = b.account;
        this.type = b.type;
        this.currency = b.currency;
        this.merchantAccountId = b.merchantAccountId;
        this.orderId = b.orderId;
        this.refundedTransactionId = b.refundedTransactionId;
        this.bin = b.bin;
        this.last4 = b.last4;
        this.cardType = b.cardType;
        this.expirationMonth = b.expirationMonth;
        this.expirationYear = b.expirationYear;
        this.cardholderName = b.cardholderName;
        this.amount = b.amount;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.updatedAt = createdAt;
    }

    static final class Builder {
        String id;
        String account;
        String type;
        String currency;
        String merchantAccountId;
        String orderId;
        String refundedTransactionId;
        String bin;
        String last4;
        String cardType;
        String expirationMonth;
        String expirationYear;
        String cardholderName;
        BigDecimal amount;
    }

    /** Moves to {@code next}, recording it in the status history. */
    synchronized void moveTo(String next) {
        status = next;
        updatedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        history.add(new StatusEvent(next, amount, updatedAt));
    }

    synchronized void respond(String code, String text, String type) {
        processorResponseCode = code;
        processorResponseText = text;
        processorResponseType = type;
    }

    synchronized String status() {
        return status;
    }

    synchronized BigDecimal amount() {
        return amount;
    }

    /** Braintree's {@code <transaction>}. */
    synchronized Element xml() {
        Element tx = BraintreeXml.element("transaction").add("id", id).add("status", status).add("type", type)
                .add("currency-iso-code", currency).add("amount", amount.toPlainString())
                .add("merchant-account-id", merchantAccountId).add("order-id", orderId)
                .typed("created-at", "datetime", DATETIME.format(createdAt))
                .typed("updated-at", "datetime", DATETIME.format(updatedAt))
                .add("processor-response-code", processorResponseCode)
                .add("processor-response-text", processorResponseText)
                .add("processor-response-type", processorResponseType)
                .add("processor-authorization-code", "1000".equals(processorResponseCode) ? id.substring(0, 6).toUpperCase() : null)
                .add("gateway-rejection-reason", gatewayRejectionReason)
                .add("refunded-transaction-id", refundedTransactionId)
                .array("refund-ids", List.copyOf(refundIds))
                .array("partial-settlement-transaction-ids", List.of())
                .add("payment-instrument-type", "credit_card");
        if (last4 != null) {
            tx.add(BraintreeXml.element("credit-card").add("bin", bin).add("last-4", last4).add("card-type", cardType)
                    .add("expiration-month", expirationMonth).add("expiration-year", expirationYear)
                    .add("cardholder-name", cardholderName));
        }
        List<Element> events = new ArrayList<>();
        for (StatusEvent e : history) {
            events.add(BraintreeXml.element("status-event").add("amount", e.amount().toPlainString())
                    .add("status", e.status()).typed("timestamp", "datetime", DATETIME.format(e.at()))
                    .add("transaction-source", "api"));
        }
        tx.arrayOf("status-history", events);
        tx.arrayOf("add-ons", List.of()).arrayOf("discounts", List.of());
        return tx;
    }
}
