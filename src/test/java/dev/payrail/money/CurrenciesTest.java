package dev.payrail.money;

import dev.payrail.common.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurrenciesTest {

    @ParameterizedTest(name = "{0} has exponent {1}")
    @CsvSource({
            "JPY, 0", "KRW, 0", "VND, 0", "CLP, 0", "ISK, 0", "UGX, 0", "XAF, 0", "XOF, 0",
            "XPF, 0", "PYG, 0", "BIF, 0", "DJF, 0", "GNF, 0", "KMF, 0", "RWF, 0", "VUV, 0",
            "UYI, 0",
            "USD, 2", "EUR, 2", "INR, 2", "GBP, 2", "CHF, 2", "CNY, 2", "HUF, 2", "IDR, 2",
            "TWD, 2", "MGA, 2", "MRU, 2", "XCG, 2", "ZWG, 2", "SLE, 2", "VES, 2", "BRL, 2",
            "KWD, 3", "BHD, 3", "JOD, 3", "OMR, 3", "TND, 3", "LYD, 3", "IQD, 3",
            "CLF, 4", "UYW, 4"})
    void exponentsFollowIso4217(String code, int exponent) {
        assertEquals(exponent, Currencies.exponent(code));
        assertTrue(Currencies.isSupported(code));
        assertEquals(code, Currencies.require(code, "currency"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "Usd", "US", "USDT", "XXX", "XAU", "XDR", "ABC", "HRK", "ZWL", "ANG", " USD"})
    void unsupportedOrMalformedCodesAreRejected(String code) {
        assertFalse(Currencies.isSupported(code));
        assertThrows(IllegalArgumentException.class, () -> Currencies.exponent(code));
        ApiException e = assertThrows(ApiException.class, () -> Currencies.require(code, "currency"));
        assertEquals(400, e.status());
        assertEquals("currency", e.param());
        assertTrue(e.getMessage().startsWith("Unsupported currency: "), e.getMessage());
    }

    @Test
    void lowerCaseIsRejectedNotNormalized() {
        ApiException e = assertThrows(ApiException.class, () -> Currencies.require("usd", "order.currency"));
        assertEquals("Unsupported currency: usd", e.getMessage());
        assertEquals("order.currency", e.param());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingCurrencyIsRequired(String code) {
        ApiException e = assertThrows(ApiException.class, () -> Currencies.require(code, "currency"));
        assertEquals("currency is required", e.getMessage());
        assertFalse(Currencies.isSupported(code));
    }

    @Test
    void longInputIsNotEchoedInFull() {
        String code = "X".repeat(1000);
        ApiException e = assertThrows(ApiException.class, () -> Currencies.require(code, "currency"));
        assertTrue(e.getMessage().length() < 60, e.getMessage());
    }

    @Test
    void everyCodeIsThreeUpperCaseLettersWithASaneExponent() {
        assertTrue(Currencies.codes().size() > 150);
        for (String code : Currencies.codes()) {
            assertTrue(code.matches("[A-Z]{3}"), code);
            int exponent = Currencies.exponent(code);
            assertTrue(exponent >= 0 && exponent <= 4, code);
        }
    }

    @ParameterizedTest(name = "max {0} = {1}")
    @CsvSource({
            "JPY, 99999999",
            "USD, 9999999999",
            "KWD, 99999999999",
            "CLF, 999999999999"})
    void maxAmountIs99999999MajorUnitsWithAllMinorDigits(String code, long max) {
        assertEquals(max, Currencies.maxAmount(code));
        assertEquals(max, Currencies.requireAmount(max, code, "amount"));
    }

    @Test
    void maxAmountOfUnknownCurrencyFails() {
        assertThrows(IllegalArgumentException.class, () -> Currencies.maxAmount("ZZZ"));
    }

    @ParameterizedTest
    @CsvSource({"1, USD", "1, JPY", "500, KWD", "100000, INR"})
    void validAmountsAreReturned(long amount, String currency) {
        assertEquals(amount, Currencies.requireAmount(amount, currency, "amount"));
    }

    @Test
    void missingAmountIsRequired() {
        ApiException e = assertThrows(ApiException.class, () -> Currencies.requireAmount(null, "USD", "amount"));
        assertEquals("amount is required", e.getMessage());
        assertEquals("amount", e.param());
        assertEquals(400, e.status());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -100, Long.MIN_VALUE})
    void nonPositiveAmountsAreRejected(long amount) {
        ApiException e = assertThrows(ApiException.class, () -> Currencies.requireAmount(amount, "USD", "amount"));
        assertEquals("amount must be a positive integer in the currency's minor unit", e.getMessage());
        assertEquals("amount", e.param());
    }

    @ParameterizedTest
    @CsvSource({"JPY, 100000000, 99999999", "USD, 10000000000, 9999999999", "KWD, 100000000000, 99999999999"})
    void amountsAboveTheMaximumAreRejected(String currency, long amount, long max) {
        ApiException e = assertThrows(ApiException.class,
                () -> Currencies.requireAmount(amount, currency, "refund.amount"));
        assertEquals("refund.amount", e.param());
        assertTrue(e.getMessage().contains(Long.toString(max)), e.getMessage());
        assertEquals(max, e.extensions().get("max_amount"));
    }

    @Test
    void amountWithUnsupportedCurrencyIsABadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> Currencies.requireAmount(100L, "usd", "amount"));
        assertEquals(400, e.status());
        assertEquals("currency", e.param());
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
            "1000, USD, 10.00",
            "1, USD, 0.01",
            "0, USD, 0.00",
            "1000, JPY, 1000",
            "1234, KWD, 1.234",
            "5, BHD, 0.005",
            "12345, CLF, 1.2345",
            "9999999999, USD, 99999999.99",
            "-250, EUR, -2.50"})
    void minorAndMajorUnitsRoundTrip(long minor, String currency, String major) {
        BigDecimal decimal = Currencies.toMajor(minor, currency);
        assertEquals(new BigDecimal(major), decimal);
        assertEquals(Currencies.exponent(currency), decimal.scale());
        assertEquals(major, Currencies.formatMajor(minor, currency));
        assertEquals(minor, Currencies.toMinor(new BigDecimal(major), currency));
    }

    @ParameterizedTest
    @CsvSource({"10, USD, 1000", "10.5, USD, 1050", "10.500, USD, 1050", "1E+3, JPY, 1000", "7, KWD, 7000"})
    void toMinorAcceptsAnyScaleThatIsExact(String major, String currency, long minor) {
        assertEquals(minor, Currencies.toMinor(new BigDecimal(major), currency));
    }

    @ParameterizedTest
    @CsvSource({"10.001, USD", "1.5, JPY", "0.0001, KWD", "0.00001, CLF"})
    void toMinorRejectsTooManyDecimals(String major, String currency) {
        assertThrows(ArithmeticException.class, () -> Currencies.toMinor(new BigDecimal(major), currency));
    }

    @Test
    void toMinorRejectsValuesBeyondLong() {
        assertThrows(ArithmeticException.class,
                () -> Currencies.toMinor(new BigDecimal("1E+30"), "USD"));
    }

    @Test
    void formatMajorNeverUsesExponentNotation() {
        assertEquals("100000000", Currencies.formatMajor(100_000_000L, "JPY"));
        assertEquals("1000000.00", Currencies.formatMajor(100_000_000L, "USD"));
    }
}
