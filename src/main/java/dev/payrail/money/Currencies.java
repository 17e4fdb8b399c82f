package dev.payrail.money;

import dev.payrail.common.ApiException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The currencies Payrail accepts and the size of their minor unit.
 *
 * <p>The table below is an explicit copy of the active entries of ISO 4217 List One that have a
 * minor unit (2025 edition: XCG replaced ANG, ZWG replaced ZWL, SLE replaced SLL, HRK was
 * withdrawn when Croatia adopted the euro). Precious metals, SDR and other units without a
 * minor unit (XAU, XAG, XPD, XPT, XDR, XSU, XUA, XBA-XBD, XTS, XXX) are not payable and are not
 * listed. {@link java.util.Currency} is deliberately not used: its data lags ISO for some codes
 * (it does not know UYW, for example, and still lists withdrawn codes).
 *
 * <p>Amounts travel through the API as {@code long} counts of minor units: cents for USD, yen
 * for JPY, fils for KWD (1 KWD = 1000 fils).
 */
public final class Currencies {

    /** The largest whole number of major units accepted in any currency (see {@link #maxAmount}). */
    public static final long MAX_MAJOR_UNITS = 99_999_999L;

    private static final int MAX_ECHOED_LENGTH = 16;

    private static final Map<String, Integer> EXPONENTS = buildTable();

    private Currencies() {
    }

    private static Map<String, Integer> buildTable() {
        Map<String, Integer> table = new TreeMap<>();
        // Currencies without a minor unit.
        for (String code : new String[] {
                "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
                "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"}) {
            table.put(code, 0);
        }
        // Currencies with two decimals.
        for (String code : new String[] {
                "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN",
                "BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN",
                "BWP", "BYN", "BZD",
                "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
                "CVE", "CZK",
                "DKK", "DOP", "DZD",
                "EGP", "ERN", "ETB", "EUR",
                "FJD", "FKP",
                "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
                "HKD", "HNL", "HTG", "HUF",
                "IDR", "ILS", "INR", "IRR",
                "JMD",
                "KES", "KGS", "KHR", "KPW", "KYD", "KZT",
                "LAK", "LBP", "LKR", "LRD", "LSL",
                "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
                "MXN", "MXV", "MYR", "MZN",
                "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
                "PAB", "PEN", "PGK", "PHP", "PKR", "PLN",
                "QAR",
                "RON", "RSD", "RUB",
                "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP",
                "STN", "SVC", "SYP", "SZL",
                "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS",
                "UAH", "USD", "USN", "UYU", "UZS",
                "VED", "VES",
                "WST",
                "XCD", "XCG",
                "YER",
                "ZAR", "ZMW", "ZWG"}) {
            table.put(code, 2);
        }
        // Currencies with three decimals.
        for (String code : new String[] {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}) {
            table.put(code, 3);
        }
        // Units of account with four decimals.
        for (String code : new String[] {"CLF", "UYW"}) {
            table.put(code, 4);
        }
        return Collections.unmodifiableMap(table);
    }

    /** Every supported currency code, sorted. */
    public static Set<String> codes() {
        return EXPONENTS.keySet();
    }

    /**
     * The number of decimals of the currency's minor unit (0 for JPY, 2 for USD, 3 for KWD).
     *
     * @throws IllegalArgumentException if the code is not a supported currency
     */
    public static int exponent(String code) {
        Integer exponent = code == null ? null : EXPONENTS.get(code);
        if (exponent == null) {
            throw new IllegalArgumentException("Unsupported currency: " + echo(code));
        }
        return exponent;
    }

    /** Whether the code is a supported currency, exactly as written (upper case). */
    public static boolean isSupported(String code) {
        return code != null && EXPONENTS.containsKey(code);
    }

    /**
     * Validates a currency code taken from a request. Codes are case-sensitive: {@code "usd"} is
     * rejected, not normalized.
     *
     * @param code  the code as the client sent it
     * @param param the request parameter reported with the error
     * @return the code, unchanged
     * @throws ApiException 400 when the code is missing, blank or not a supported currency
     */
    public static String require(String code, String param) {
        if (code == null || code.isBlank()) {
            throw ApiException.badRequest("currency is required", param);
        }
        if (!isThreeUpperCaseLetters(code) || !EXPONENTS.containsKey(code)) {
            throw ApiException.badRequest("Unsupported currency: " + echo(code), param);
        }
        return code;
    }

    /**
     * The largest amount accepted in the currency, in minor units: 99,999,999 major units with
     * every minor digit at 9, that is 10^(8 + exponent) - 1 (99_999_999 for JPY,
     * 9_999_999_999 for USD = 99,999,999.99, 99_999_999_999 for KWD = 99,999,999.999), capped at
     * {@link Long#MAX_VALUE}.
     *
     * @throws IllegalArgumentException if the code is not a supported currency
     */
    public static long maxAmount(String code) {
        long limit = MAX_MAJOR_UNITS + 1;
        for (int i = exponent(code); i > 0; i--) {
            if (limit > Long.MAX_VALUE / 10) {
                return Long.MAX_VALUE;
            }
            limit *= 10;
        }
        return limit - 1;
    }

    /**
     * Validates an amount taken from a request.
     *
     * @param amount   the amount in the currency's minor unit
     * @param currency a supported currency code; an unsupported one is reported as a 400 on the
     *                 {@code currency} parameter
     * @param param    the request parameter of the amount, reported with the error
     * @return the amount
     * @throws ApiException 400 when the amount is missing, not positive or above
     *                      {@link #maxAmount(String)}
     */
    public static long requireAmount(Long amount, String currency, String param) {
        if (amount == null) {
            throw ApiException.badRequest("amount is required", param);
        }
        if (amount <= 0) {
            throw ApiException.badRequest(
                    "amount must be a positive integer in the currency's minor unit", param);
        }
        if (!isSupported(currency)) {
            throw ApiException.badRequest("Unsupported currency: " + echo(currency), "currency");
        }
        long max = maxAmount(currency);
        if (amount > max) {
            throw ApiException.badRequest("amount must be at most " + max + " for " + currency
                    + " (" + formatMajor(max, currency) + " " + currency + ")", param)
                    .with("max_amount", max);
        }
        return amount;
    }

    /**
     * Converts minor units to an exact decimal in major units whose scale is the currency's
     * exponent: 1000 USD cents become {@code 10.00}, 1000 JPY stay {@code 1000}.
     *
     * @throws IllegalArgumentException if the code is not a supported currency
     */
    public static BigDecimal toMajor(long minor, String currency) {
        return BigDecimal.valueOf(minor, exponent(currency));
    }

    /**
     * Converts a decimal in major units to minor units, exactly: {@code 10.5} USD becomes 1050.
     *
     * @throws ArithmeticException      if the value has more decimals than the currency allows
     *                                  (other than trailing zeros) or does not fit in a long
     * @throws IllegalArgumentException if the code is not a supported currency
     */
    public static long toMinor(BigDecimal major, String currency) {
        int exponent = exponent(currency);
        return major.setScale(exponent, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /**
     * Formats minor units as a plain decimal string in major units, with exactly as many
     * decimals as the currency has: "10.00" (USD), "1000" (JPY), "1.234" (KWD). No grouping, no
     * exponent notation: the form PayPal, Alipay and Airwallex expect.
     *
     * @throws IllegalArgumentException if the code is not a supported currency
     */
    public static String formatMajor(long minor, String currency) {
        return toMajor(minor, currency).toPlainString();
    }

    private static boolean isThreeUpperCaseLetters(String code) {
        if (code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** The client's value, shortened so that an error never echoes an arbitrarily long input. */
    private static String echo(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= MAX_ECHOED_LENGTH ? value : value.substring(0, MAX_ECHOED_LENGTH) + "...";
    }
}
