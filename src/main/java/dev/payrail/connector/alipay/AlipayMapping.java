package dev.payrail.connector.alipay;

import java.time.Instant;
import java.util.Set;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.NextActions;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;

/**
 * Alipay's verified answers in Payrail's terms, exhaustively: a {@code code} or {@code trade_status}
 * not named here is pending (status) or unknown (operations), never a success or a failure.
 */
final class AlipayMapping {

    static final String CNY = "CNY";
    /** Yuan as decimal strings with two decimals ({@code "88.88"}): ISO 4217's exponent for CNY. */
    static final AmountUnits UNITS = AmountUnits.majorUnits().build();

    /** Gateway codes that say the request itself was refused: nothing was created or changed. */
    private static final Set<String> REQUEST_REFUSED = Set.of("20001", "40001", "40002", "40006");
    /** Business failures of a refund that are final. */
    private static final Set<String> REFUND_DECLINES = Set.of("ACQ.SELLER_BALANCE_NOT_ENOUGH",
            "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "ACQ.TRADE_NOT_ALLOW_REFUND", "ACQ.TRADE_STATUS_ERROR",
            "ACQ.TRADE_NOT_EXIST", "ACQ.TRADE_HAS_FINISHED", "ACQ.TRADE_HAS_CLOSE", "ACQ.DISCORDANT_REPEAT_REQUEST",
            "ACQ.REFUND_FEE_ERROR", "ACQ.BUYER_ERROR", "ACQ.REFUND_CHARGE_ERROR", "ACQ.INVALID_PARAMETER",
            "ACQ.ACCESS_FORBIDDEN", "ACQ.REASON_TRADE_REFUND_FEE_ERR", "ACQ.ONLINE_TRADE_VOUCHER_NOT_ALLOW_REFUND");

    private AlipayMapping() {
    }

    /** Whether a reply is one Alipay asks to be repeated (service unavailable, system error). */
    static boolean transient_(AlipayReply r) {
        return "20000".equals(r.code()) || "ACQ.SYSTEM_ERROR".equals(r.subCode());
    }

    /** {@code alipay.trade.precreate}: the QR code to show, or why there is none. */
    static ConnectorResult precreate(AlipayReply r, String outTradeNo, Instant expiresAt) {
        if (r.ok()) {
            String qr = r.text("qr_code");
            if (qr == null || qr.isBlank()) {
                return ConnectorResult.unknown(outTradeNo, "Alipay answered the precreate without a qr_code.");
            }
            return new ConnectorResult(Outcome.REQUIRES_ACTION, outTradeNo, null, null, null, null,
                    NextActions.displayQrCode(qr, expiresAt));
        }
        if (REQUEST_REFUSED.contains(r.code())) {
            return rejected(r, "the precreate");
        }
        return switch (String.valueOf(r.subCode())) {
            // Paid already (a resent create after the payer paid): the status query settles it.
            case "ACQ.TRADE_HAS_SUCCESS" -> ConnectorResult.unknown(outTradeNo, "Alipay: the trade is paid already.");
            case "ACQ.TRADE_HAS_CLOSE" -> ConnectorResult.declined(outTradeNo, "trade_closed", null,
                    "Alipay: the trade is closed.");
            case "ACQ.CONTEXT_INCONSISTENT" -> ConnectorResult.declined(outTradeNo, "trade_inconsistent", null,
                    "Alipay holds this out_trade_no with other trade details.");
            default -> "40004".equals(r.code()) ? rejected(r, "the precreate")
                    : ConnectorResult.unknown(outTradeNo, "Alipay answered " + r.describe() + ".");
        };
    }

    /** {@code alipay.trade.query}: where the trade stands. */
    static ConnectorResult query(AlipayReply r, String outTradeNo) {
        if (!r.ok()) {
            if ("ACQ.TRADE_NOT_EXIST".equals(r.subCode())) {
                // A precreated trade exists at Alipay only once the payer scanned it: not paid, not failed.
                return ConnectorResult.noRecord("Alipay has no trade " + outTradeNo + " (not scanned or paid).");
            }
            return ConnectorResult.unknown(outTradeNo, "Alipay answered the query with " + r.describe() + ".");
        }
        String status = String.valueOf(r.text("trade_status"));
        return switch (status) {
            case "WAIT_BUYER_PAY" -> ConnectorResult.requiresAction(outTradeNo, null).at(PaymentStage.PENDING);
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> captured(r, outTradeNo);
            // Closed unpaid (timeout or close), or closed after it was paid and refunded in full.
            case "TRADE_CLOSED" -> r.text("send_pay_date") != null ? captured(r, outTradeNo)
                    : ConnectorResult.declined(outTradeNo, "trade_closed", "trade_closed",
                            "Alipay closed the trade unpaid.").at(PaymentStage.FAILED);
            default -> ConnectorResult.pending(outTradeNo, null).at(PaymentStage.PENDING);
        };
    }

    private static ConnectorResult captured(AlipayReply r, String outTradeNo) {
        String total = r.text("total_amount");
        try {
            return ConnectorResult.succeeded(outTradeNo).capturedAt(UNITS.fromProvider(CNY, total));
        } catch (AmountUnits.NotRepresentable e) {
            return ConnectorResult.unknown(outTradeNo, "Alipay's total_amount is not an amount: " + total);
        }
    }

    /** {@code alipay.trade.close}: closed, gone (never scanned), or refused because it was paid. */
    static ConnectorResult close(AlipayReply r, String outTradeNo) {
        if (r.ok()) {
            return ConnectorResult.succeeded(outTradeNo);
        }
        if (REQUEST_REFUSED.contains(r.code())) {
            return rejected(r, "the close");
        }
        return switch (String.valueOf(r.subCode())) {
            case "ACQ.TRADE_NOT_EXIST" -> ConnectorResult.noRecord("Alipay has no trade " + outTradeNo + " to close.");
            // Only a trade waiting for payment can be closed: this one was paid (or closed) meanwhile.
            case "ACQ.TRADE_STATUS_ERROR" -> ConnectorResult.declined(outTradeNo, "trade_status_error", null,
                    "Alipay refused the close: the trade is no longer waiting for payment.");
            default -> ConnectorResult.unknown(outTradeNo, "Alipay answered the close with " + r.describe() + ".");
        };
    }

    /** {@code alipay.trade.refund}: {@code fund_change=Y} refunded now; {@code N} a repeat: ask. */
    static ConnectorResult refund(AlipayReply r, String outRequestNo) {
        if (r.ok()) {
            return "Y".equals(r.text("fund_change")) ? ConnectorResult.succeeded(outRequestNo)
                    // No funds moved by this request: refunded before (a resend) or still under way.
                    : ConnectorResult.pending(outRequestNo, null);
        }
        if (REQUEST_REFUSED.contains(r.code())) {
            return rejected(r, "the refund");
        }
        if (REFUND_DECLINES.contains(r.subCode())) {
            return ConnectorResult.declined(outRequestNo, "refund_failed", r.subCode().toLowerCase(java.util.Locale.ROOT),
                    "Alipay refused the refund: " + r.describe() + ".");
        }
        return ConnectorResult.unknown(outRequestNo, "Alipay answered the refund with " + r.describe() + ".");
    }

    /**
     * {@code alipay.trade.fastpay.refund.query}: Alipay answers {@code 10000} with the refund's fields
     * when it exists ({@code refund_status} {@code REFUND_SUCCESS}, or absent for older trades, both
     * mean refunded) and {@code 10000} without them when there is no such refund.
     */
    static ConnectorResult refundQuery(AlipayReply r, String outRequestNo) {
        if (!r.ok()) {
            if ("ACQ.TRADE_NOT_EXIST".equals(r.subCode())) {
                return ConnectorResult.noRecord("Alipay has no trade for refund " + outRequestNo + ".");
            }
            return ConnectorResult.unknown(outRequestNo, "Alipay answered the refund query with " + r.describe() + ".");
        }
        boolean exists = r.text("out_request_no") != null || r.text("refund_amount") != null;
        if (!exists) {
            return ConnectorResult.noRecord("Alipay has no refund " + outRequestNo + ".");
        }
        String status = r.text("refund_status");
        if (status == null || "REFUND_SUCCESS".equals(status)) {
            return ConnectorResult.succeeded(outRequestNo);
        }
        return ConnectorResult.pending(outRequestNo, null);
    }

    /** A request Alipay refused as such: nothing was created or changed, another provider may be tried. */
    private static ConnectorResult rejected(AlipayReply r, String what) {
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_rejected_request", null,
                "Alipay rejected " + what + ": " + r.describe() + ".", null, null);
    }
}
