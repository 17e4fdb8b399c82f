package dev.payrail.sandbox.paypal;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The emulator's own copy of PayPal's currency table ("Currency codes",
 * developer.paypal.com/docs/api/reference/currency-codes), deliberately independent of Payrail's
 * {@code money.Currencies}: a Payrail bug in units must not be mirrored by the fake provider.
 * HUF, JPY and TWD are marked "does not support decimals. If you pass a decimal amount, an error
 * occurs"; the others take two decimals.
 *
 * <p>Amounts inside the emulator are counted in PayPal's smallest unit: cents for USD, whole yen,
 * forints and New Taiwan dollars for JPY, HUF and TWD.
 */
final class PayPalCurrencyCodes {

    private static final Map<String, Integer> DECIMALS = Map.ofEntries(
            Map.entry("AUD", 2), Map.entry("BRL", 2), Map.entry("CAD", 2), Map.entry("CNY", 2), Map.entry("CZK", 2),
            Map.entry("DKK", 2), Map.entry("EUR", 2), Map.entry("HKD", 2), Map.entry("HUF", 0), Map.entry("ILS", 2),
            Map.entry("JPY", 0), Map.entry("MYR", 2), Map.entry("MXN", 2), Map.entry("TWD", 0), Map.entry("NZD", 2),
            Map.entry("NOK", 2), Map.entry("PHP", 2), Map.entry("PLN", 2), Map.entry("GBP", 2), Map.entry("RUB", 2),
            Map.entry("SGD", 2), Map.entry("SEK", 2), Map.entry("CHF", 2), Map.entry("THB", 2), Map.entry("USD", 2));

    private PayPalCurrencyCodes() {
    }

    /** Why PayPal refuses an amount: the {@code details[].issue} and its description from PayPal's specs. */
    record Refusal(String issue, String description) {
    }

    static final Refusal INVALID_CURRENCY_CODE = new Refusal("INVALID_CURRENCY_CODE",
            "Currency code is invalid or is not currently supported. Please refer "
                    + "https://developer.paypal.com/api/rest/reference/currency-codes/ for list of supported currency codes.");
    static final Refusal DECIMAL_PRECISION = new Refusal("DECIMAL_PRECISION",
            "If the currency supports decimals, only two decimal place precision is supported.");
    /** Payments v2 (captures, refunds) names a decimal in a no-decimal currency so. */
    static final Refusal DECIMALS_NOT_SUPPORTED = new Refusal("DECIMALS_NOT_SUPPORTED",
            "Currency does not support decimals. Please refer to https://developer.paypal.com/docs/api/reference/currency-codes/ "
                    + "for more information.");

    static boolean isSupported(String currency) {
        return currency != null && DECIMALS.containsKey(currency);
    }

    /** A refused amount. */
    static final class Refused extends Exception {
        final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.issue(), null, false, false);
            this.refusal = refusal;
        }
    }

    /**
     * A {@code money.value} in PayPal's smallest unit of the currency. A value with a decimal point
     * in a no-decimal currency ("1000.00" HUF included) is refused with {@code noDecimals} (Orders
     * v2 answers {@link #DECIMAL_PRECISION}, Payments v2 {@link #DECIMALS_NOT_SUPPORTED}); more than
     * two decimals with {@link #DECIMAL_PRECISION}.
     */
    static long parse(String currency, String value, Refusal noDecimals) throws Refused {
        Integer decimals = currency == null ? null : DECIMALS.get(currency);
        if (decimals == null) {
            throw new Refused(INVALID_CURRENCY_CODE);
        }
        BigDecimal v = new BigDecimal(value);
        if (decimals == 0 && value.contains(".")) {
            throw new Refused(noDecimals);
        }
        if (v.scale() > decimals) {
            throw new Refused(DECIMAL_PRECISION);
        }
        return v.movePointRight(decimals).longValueExact();
    }

    /** A {@code money.value} this emulator accepted earlier, back in the currency's smallest unit. */
    static long accepted(String currency, String value) {
        return new BigDecimal(value).movePointRight(DECIMALS.get(currency)).longValueExact();
    }

    /** An amount in the currency's smallest unit as PayPal writes it: "10.00" USD, "1000" HUF. */
    static String format(long amount, String currency) {
        return BigDecimal.valueOf(amount, DECIMALS.get(currency)).toPlainString();
    }
}
