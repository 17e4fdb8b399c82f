package dev.payrail.connector.braintree;

import java.util.List;
import java.util.Map;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;
import dev.payrail.connector.braintree.BraintreeXml.Node;

/**
 * Braintree's transaction statuses, processor response codes and validation errors in Payrail's
 * terms, exhaustively (Braintree's GraphQL API reference; docs/connectors/braintree.md): a status not listed here is pending.
 */
final class BraintreeMapping {

    /** Every transaction status Braintree documents, as written on the wire. */
    static final List<String> STATUSES = List.of("authorizing", "authorized", "authorization_expired",
            "submitted_for_settlement", "settling", "settlement_pending", "settlement_confirmed", "settled",
            "settlement_declined", "voided", "processor_declined", "gateway_rejected", "failed");

    /** Braintree's validation error: "Cannot refund transaction unless it is settled." */
    static final String REFUND_UNSETTLED = "91506";

    /** Our decline codes for Braintree's processor response codes (2000–3000). */
    private static final Map<String, String> DECLINES = Map.ofEntries(
            Map.entry("2000", "do_not_honor"), Map.entry("2001", "insufficient_funds"),
            Map.entry("2002", "limit_exceeded"), Map.entry("2003", "limit_exceeded"),
            Map.entry("2004", "expired_card"), Map.entry("2005", "incorrect_number"),
            Map.entry("2006", "invalid_expiry_date"), Map.entry("2007", "invalid_account"),
            Map.entry("2008", "incorrect_number"), Map.entry("2010", "incorrect_cvc"),
            Map.entry("2012", "lost_card"), Map.entry("2013", "fraudulent"), Map.entry("2014", "fraudulent"),
            Map.entry("2015", "transaction_not_allowed"), Map.entry("2038", "generic_decline"),
            Map.entry("2044", "call_issuer"), Map.entry("2046", "generic_decline"),
            Map.entry("2047", "pickup_card"), Map.entry("2057", "transaction_not_allowed"),
            Map.entry("3000", "processing_error"));

    /** Our error codes for Braintree's validation error codes on operations of an existing transaction. */
    private static final Map<String, String> VALIDATION = Map.ofEntries(
            Map.entry(REFUND_UNSETTLED, "transaction_not_settled"),
            Map.entry("91504", "invalid_state"), Map.entry("91507", "invalid_state"),
            Map.entry("91511", "invalid_state"), Map.entry("91512", "already_refunded"),
            Map.entry("91521", "amount_too_large"), Map.entry("91522", "amount_too_large"),
            Map.entry("91528", "invalid_state"), Map.entry("81503", "invalid_amount"),
            Map.entry("81531", "amount_too_large"), Map.entry("91574", "refund_not_supported"),
            Map.entry("91503", "invalid_state"), Map.entry("91530", "invalid_state"));

    private BraintreeMapping() {
    }

    /** A sale transaction as the answer to the sale: authorized or submitted succeeded, declines declined. */
    static ConnectorResult sale(Node tx) {
        ConnectorResult r = status(tx, AmountUnits.majorUnits().build(), null);
        return new ConnectorResult(r.outcome(), r.providerReference(), r.errorCode(), r.declineCode(), r.message(),
                null, null);
    }

    /**
     * A sale transaction as a status answer. {@code authorizing}: pending; {@code authorized};
     * submitted for settlement or later ({@code submitted_for_settlement}, {@code settling},
     * {@code settlement_pending}, {@code settlement_confirmed}, {@code settled}): captured for the
     * transaction's amount (which a partial submission lowered); {@code voided}; declines
     * ({@code processor_declined}, {@code gateway_rejected}, {@code failed}), {@code settlement_declined}
     * and {@code authorization_expired}: failed; anything else pending.
     *
     * @param currency the payment's currency when the transaction does not say
     */
    static ConnectorResult status(Node tx, AmountUnits units, String currency) {
        String id = tx.text("id");
        String status = tx.text("status");
        if (status == null) {
            return ConnectorResult.pending(id, null).at(PaymentStage.PENDING);
        }
        return switch (status) {
            case "authorized" -> ConnectorResult.succeeded(id).at(PaymentStage.AUTHORIZED);
            case "submitted_for_settlement", "settling", "settlement_pending", "settlement_confirmed", "settled" -> {
                Long captured = amount(tx, units, currency);
                ConnectorResult ok = ConnectorResult.succeeded(id);
                yield captured == null ? ok.at(PaymentStage.PENDING) : ok.capturedAt(captured);
            }
            case "voided" -> ConnectorResult.succeeded(id).at(PaymentStage.VOIDED);
            case "processor_declined" -> processorDeclined(tx).at(PaymentStage.FAILED);
            case "gateway_rejected" -> ConnectorResult.declined(id, "gateway_rejected",
                    orElse(tx.text("gateway-rejection-reason"), "gateway_rejected"),
                    "Braintree's gateway rejected the transaction (" + orElse(tx.text("gateway-rejection-reason"), "no reason")
                            + ").").at(PaymentStage.FAILED);
            case "failed" -> ConnectorResult.declined(id, "processing_failed", "processing_error",
                    orElse(tx.text("processor-response-text"), "The transaction failed at Braintree.")).at(PaymentStage.FAILED);
            case "settlement_declined" -> ConnectorResult.declined(id, "settlement_declined", "settlement_declined",
                    orElse(tx.text("processor-settlement-response-text"), "The processor declined the settlement."))
                    .at(PaymentStage.FAILED);
            case "authorization_expired" -> ConnectorResult.declined(id, "authorization_expired", null,
                    "The authorization expired before it was captured.").at(PaymentStage.FAILED);
            // authorizing, unrecognized and any status added later
            default -> ConnectorResult.pending(id, null).at(PaymentStage.PENDING);
        };
    }

    /** A processor decline: the processor response code is the decline reason. */
    static ConnectorResult processorDeclined(Node tx) {
        String code = tx.text("processor-response-code");
        String text = tx.text("processor-response-text");
        return ConnectorResult.declined(tx.text("id"), "card_declined", declineCode(code),
                "Braintree processor declined (" + orElse(code, "?") + "): " + orElse(text, "declined") + ".");
    }

    /** Our decline code for a processor response code. */
    static String declineCode(String processorCode) {
        if (processorCode == null) {
            return "generic_decline";
        }
        String known = DECLINES.get(processorCode);
        if (known != null) {
            return known;
        }
        return processorCode.startsWith("3") ? "processing_error" : "generic_decline";
    }

    /**
     * A refund (credit) transaction. Braintree accepts a refund as {@code submitted_for_settlement}
     * and settles it in its batch: accepted or later is processed; declines, {@code voided} and
     * {@code settlement_declined} failed; {@code authorizing}/{@code authorized} and anything else pending.
     */
    static ConnectorResult refund(Node tx) {
        String id = tx.text("id");
        String status = tx.text("status");
        if (status == null) {
            return ConnectorResult.pending(id, null);
        }
        return switch (status) {
            case "submitted_for_settlement", "settling", "settlement_pending", "settlement_confirmed", "settled" ->
                ConnectorResult.succeeded(id);
            case "processor_declined", "gateway_rejected", "failed", "settlement_declined", "voided" ->
                ConnectorResult.declined(id, "refund_failed", status, "Braintree's refund ended " + status + ".");
            default -> ConnectorResult.pending(id, null);
        };
    }

    /**
     * An {@code <api-error-response>} to an operation on an existing transaction: a refusal with our
     * error code for Braintree's first validation error (refunding an unsettled transaction is
     * {@code transaction_not_settled}), or the decline of its {@code <transaction>}.
     */
    static ConnectorResult refused(Node error, String reference) {
        Node tx = error.child("transaction");
        if (tx != null && tx.text("status") != null) {
            ConnectorResult r = status(tx, AmountUnits.majorUnits().build(), null);
            if (r.is(Outcome.DECLINED)) {
                return new ConnectorResult(r.outcome(), r.providerReference(), r.errorCode(), r.declineCode(),
                        r.message(), null, null);
            }
        }
        String code = firstErrorCode(error);
        String ours = code == null ? "validation_failed" : VALIDATION.getOrDefault(code, "validation_failed");
        return ConnectorResult.declined(reference, ours, null, message(error, code));
    }

    /** Braintree's message, with its error code: {@code "Cannot refund … settled. (91506)"}. */
    static String message(Node error, String code) {
        String m = error.text("message");
        if (m == null) {
            Node first = firstError(error);
            m = first == null ? "Braintree refused the request." : first.text("message");
        }
        return code == null ? m : m + " (Braintree " + code + ")";
    }

    /** The code of the first validation error anywhere in the document, or {@code null}. */
    static String firstErrorCode(Node error) {
        Node first = firstError(error);
        return first == null ? null : first.text("code");
    }

    private static Node firstError(Node error) {
        Node errors = error.child("errors");
        if (errors == null) {
            return null;
        }
        List<Node> all = errors.descendants("error");
        return all.isEmpty() ? null : all.get(0);
    }

    /** The transaction's amount in minor units, or {@code null} when it has none or it is not exact. */
    static Long amount(Node tx, AmountUnits units, String fallbackCurrency) {
        String currency = orElse(tx.text("currency-iso-code"), fallbackCurrency);
        String amount = tx.text("amount");
        if (currency == null || amount == null) {
            return null;
        }
        try {
            return units.fromProvider(currency, amount);
        } catch (AmountUnits.NotRepresentable e) {
            return null;
        }
    }

    static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
