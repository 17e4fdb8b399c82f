package dev.payrail.dashboard.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.payrail.money.Currencies;
import dev.payrail.payment.Payment;

/** How the payment pages show amounts, times and payments. */
final class PaymentRows {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** A payment as a row of the list. */
    record Row(String id, String createdAt, String orderId, String status, String method, String provider, String amount,
            String refunded) {
    }

    private PaymentRows() {
    }

    static Row of(Payment p) {
        return new Row(p.id(), time(p.createdAt()), p.orderId(), p.status().publicName(),
                p.method() == null ? "" : p.method().jsonName(), p.provider() == null ? "" : p.provider(),
                money(p.amount(), p.currency()), p.amountRefunded() == 0 ? "" : money(p.amountRefunded(), p.currency()));
    }

    /** "10.50 USD". */
    static String money(long minor, String currency) {
        String c = currency.strip();
        return Currencies.formatMajor(minor, c) + " " + c;
    }

    /** "2026-12-02 21:05:57" (UTC). */
    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
