package dev.payrail.sandbox.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trade of the emulator, keyed by app and {@code out_trade_no}. A precreated trade has no
 * {@code status} until the payer scans its code: until then Alipay answers {@code ACQ.TRADE_NOT_EXIST}.
 * Guarded by its own monitor.
 */
final class AlipayTrade {

    /** One refund, by {@code out_request_no}. */
    record Refund(String outRequestNo, BigDecimal amount, Instant at) {
    }

    final String appId;
    final String outTradeNo;
    final String tradeNo;
    final BigDecimal total;
    final String subject;
    final String productCode;
    final String notifyUrl;
    final String returnUrl;
    final String sellerId;
    final String code;
    final Instant createdAt;
    final Instant expiresAt;
    /** {@code null}: precreated, not scanned; else WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_FINISHED, TRADE_CLOSED. */
    String status;
    /** Closed by the merchant before anyone scanned it, or expired unscanned: the code no longer pays. */
    boolean dead;
    Instant paidAt;
    Instant closedAt;
    String buyerId;
    String buyerLogonId;
    BigDecimal refunded = BigDecimal.ZERO;
    final Map<String, Refund> refunds = new LinkedHashMap<>();

    AlipayTrade(String appId, String outTradeNo, String tradeNo, BigDecimal total, String subject, String productCode,
            String notifyUrl, String returnUrl, String sellerId, String code, Instant createdAt, Instant expiresAt) {
        this.appId = appId;
        this.outTradeNo = outTradeNo;
        this.tradeNo = tradeNo;
        this.total = total;
        this.subject = subject;
        this.productCode = productCode;
        this.notifyUrl = notifyUrl;
        this.returnUrl = returnUrl;
        this.sellerId = sellerId;
        this.code = code;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    boolean paid() {
        return "TRADE_SUCCESS".equals(status) || "TRADE_FINISHED".equals(status);
    }

    static String yuan(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
