package dev.payrail.card;

import dev.payrail.common.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardValidatorTest {

    private static final String VISA = "4242424242424242";
    private static final String AMEX = "378282246310005";
    private static final String RUPAY = "6521500000000006";

    /** 15 June 2026, 12:00 UTC. */
    private static final Clock JUNE_2026 = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

    private final CardFingerprinter fingerprinter = new CardFingerprinter("test-key");
    private final CardValidator validator = new CardValidator(fingerprinter, JUNE_2026);

    @Test
    void validCardIsDescribed() {
        ValidatedCard card = validator.validate("4242 4242 4242 4242", 12, 2030, "123", "  Jane Doe ");
        assertEquals(CardNetwork.VISA, card.network());
        assertEquals("424242", card.bin());
        assertEquals("4242", card.last4());
        assertEquals(fingerprinter.fingerprint(VISA), card.fingerprint());
        assertEquals(12, card.expiryMonth());
        assertEquals(2030, card.expiryYear());
        assertEquals("Jane Doe", card.holderName());
        assertEquals(VISA, card.pan());
        assertEquals("123", card.cvc());
    }

    @ParameterizedTest
    @CsvSource({
            "5555555555554444, MASTERCARD, 555555, 4444, 123",
            "2223003122003222, MASTERCARD, 222300, 3222, 123",
            "378282246310005, AMEX, 378282, 0005, 1234",
            "6011111111111117, DISCOVER, 601111, 1117, 123",
            "3056930009020004, DINERS, 305693, 0004, 123",
            "36227206271667, DINERS, 362272, 1667, 123",
            "3566002020360505, JCB, 356600, 0505, 123",
            "6200000000000005, UNIONPAY, 620000, 0005, 123",
            "6521500000000006, RUPAY, 652150, 0006, 123",
            "6070000000000002, RUPAY, 607000, 0002, 123",
            "6759649826438453, MAESTRO, 675964, 8453, 123"})
    void networksBinAndLast4(String pan, CardNetwork network, String bin, String last4, String cvc) {
        ValidatedCard card = validator.validate(pan, 1, 2027, cvc, null);
        assertEquals(network, card.network());
        assertEquals(bin, card.bin());
        assertEquals(last4, card.last4());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void numberIsRequired(String number) {
        assertBadRequest("card.number", "card.number is required",
                () -> validator.validate(number, 12, 2030, "123", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "4242424242424241", "4242-4242-4242-4241", "42424242424", "42424242424242424242",
            "4242x4242424242424", "4242.4242.4242.4242", "0000000000000001"})
    void invalidNumbersAreRejectedWithoutEchoingAnyDigit(String number) {
        ApiException e = assertBadRequest("card.number", "card.number is not a valid card number",
                () -> validator.validate(number, 12, 2030, "123", null));
        assertFalse(e.getMessage().matches(".*\\d.*"), e.getMessage());
    }

    @Test
    void noErrorMessageContainsThePan() {
        Executable[] failures = {
                () -> validator.validate(VISA, null, 2030, "123", null),
                () -> validator.validate(VISA, 13, 2030, "123", null),
                () -> validator.validate(VISA, 12, null, "123", null),
                () -> validator.validate(VISA, 12, 30, "123", null),
                () -> validator.validate(VISA, 5, 2026, "123", null),
                () -> validator.validate(VISA, 12, 2030, null, null),
                () -> validator.validate(VISA, 12, 2030, "12", null),
                () -> validator.validate(VISA, 12, 2030, "4242", null),
                () -> validator.validate(VISA, 12, 2030, "123", "x".repeat(201)),
                () -> validator.validate("4242424242424241", 12, 2030, "123", null),
        };
        for (Executable failure : failures) {
            ApiException e = assertThrows(ApiException.class, failure);
            assertFalse(e.getMessage().contains(VISA), e.getMessage());
            assertFalse(e.getMessage().contains("424242"), e.getMessage());
            assertFalse(e.getMessage().contains("4242424242424241"), e.getMessage());
            assertTrue(e.extensions().values().stream().noneMatch(v -> String.valueOf(v).contains("4242")));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 13, -1, 100})
    void monthMustBe1To12(int month) {
        assertBadRequest("card.expiry_month", "card.expiry_month must be between 1 and 12",
                () -> validator.validate(VISA, month, 2030, "123", null));
    }

    @Test
    void monthIsRequired() {
        assertBadRequest("card.expiry_month", "card.expiry_month is required",
                () -> validator.validate(VISA, null, 2030, "123", null));
    }

    @ParameterizedTest
    @ValueSource(ints = {30, 99, 1999, 2101, 20300, -2030})
    void yearMustHaveFourDigits(int year) {
        ApiException e = assertThrows(ApiException.class, () -> validator.validate(VISA, 12, year, "123", null));
        assertEquals("card.expiry_year", e.param());
        assertTrue(e.getMessage().startsWith("card.expiry_year must be a four-digit year"), e.getMessage());
    }

    @Test
    void yearIsRequired() {
        assertBadRequest("card.expiry_year", "card.expiry_year is required",
                () -> validator.validate(VISA, 12, null, "123", null));
    }

    @Test
    void cardIsValidThroughTheEndOfItsExpiryMonth() {
        assertEquals(6, validator.validate(VISA, 6, 2026, "123", null).expiryMonth());
        assertEquals(2100, validator.validate(VISA, 12, 2100, "123", null).expiryYear());

        Clock lastInstantOfJune = Clock.fixed(Instant.parse("2026-06-30T23:59:59.999Z"), ZoneOffset.UTC);
        new CardValidator(fingerprinter, lastInstantOfJune).validate(VISA, 6, 2026, "123", null);

        Clock firstInstantOfJuly = Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC);
        assertBadRequest("card.expiry_month", "The card has expired",
                () -> new CardValidator(fingerprinter, firstInstantOfJuly).validate(VISA, 6, 2026, "123", null));
    }

    @Test
    void lastMonthIsExpired() {
        assertBadRequest("card.expiry_month", "The card has expired",
                () -> validator.validate(VISA, 5, 2026, "123", null));
    }

    @Test
    void lastYearIsExpired() {
        assertBadRequest("card.expiry_year", "The card has expired",
                () -> validator.validate(VISA, 12, 2025, "123", null));
    }

    @Test
    void expiryIsJudgedInUtcWhateverTheClockZone() {
        // 1 July 2026 00:30 in UTC is still 30 June in New York: the card of June has expired.
        Clock newYork = Clock.fixed(Instant.parse("2026-07-01T00:30:00Z"), ZoneId.of("America/New_York"));
        assertBadRequest("card.expiry_month", "The card has expired",
                () -> new CardValidator(fingerprinter, newYork).validate(VISA, 6, 2026, "123", null));
        // 30 June 2026 23:30 UTC is already 1 July in Tokyo: the card of June is still valid.
        Clock tokyo = Clock.fixed(Instant.parse("2026-06-30T23:30:00Z"), ZoneId.of("Asia/Tokyo"));
        new CardValidator(fingerprinter, tokyo).validate(VISA, 6, 2026, "123", null);
    }

    @ParameterizedTest
    @CsvSource({
            "4242424242424242, 123",
            "5555555555554444, 000",
            "6521500000000006, 999",
            "378282246310005, 1234",
            "378282246310005, 0000"})
    void cvcLengthMatchesTheNetwork(String pan, String cvc) {
        assertEquals(cvc, validator.validate(pan, 12, 2030, cvc, null).cvc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "1234", "12a", "1 3", "١٢٣"})
    void nonAmexCvcMustHaveThreeDigits(String cvc) {
        assertBadRequest("card.cvc", "card.cvc must be 3 digits",
                () -> validator.validate(VISA, 12, 2030, cvc, null));
        assertBadRequest("card.cvc", "card.cvc must be 3 digits",
                () -> validator.validate(RUPAY, 12, 2030, cvc, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "12345", "12a4"})
    void amexCvcMustHaveFourDigits(String cvc) {
        assertBadRequest("card.cvc", "card.cvc must be 4 digits for American Express cards",
                () -> validator.validate(AMEX, 12, 2030, cvc, null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void cvcIsRequired(String cvc) {
        assertBadRequest("card.cvc", "card.cvc is required",
                () -> validator.validate(VISA, 12, 2030, cvc, null));
    }

    @Test
    void holderNameIsOptionalAndLimitedTo200Characters() {
        assertNull(validator.validate(VISA, 12, 2030, "123", null).holderName());
        assertNull(validator.validate(VISA, 12, 2030, "123", "   ").holderName());
        String longest = "Ä".repeat(200);
        assertEquals(longest, validator.validate(VISA, 12, 2030, "123", longest).holderName());
        String emoji = "\uD83D\uDE00".repeat(200); // 200 characters, 400 UTF-16 units
        assertEquals(emoji, validator.validate(VISA, 12, 2030, "123", emoji).holderName());
        assertBadRequest("card.holder_name", "card.holder_name must be at most 200 characters",
                () -> validator.validate(VISA, 12, 2030, "123", "a".repeat(201)));
    }

    @Test
    void toStringHidesPanCvcAndHolderName() {
        ValidatedCard card = validator.validate(VISA, 12, 2030, "987", "Jane Doe");
        String text = card.toString();
        assertFalse(text.contains(VISA), text);
        assertFalse(text.contains("424242"), text);
        assertFalse(text.contains("987"), text);
        assertFalse(text.contains("Jane"), text);
        assertFalse(text.contains(card.fingerprint()), text);
        assertTrue(text.contains("visa"), text);
        assertTrue(text.contains("4242"), text);

        ValidatedCard amex = validator.validate(AMEX, 1, 2027, "4321", null);
        assertFalse(amex.toString().contains(AMEX));
        assertFalse(amex.toString().contains("4321"));
    }

    private static ApiException assertBadRequest(String param, String message, Executable executable) {
        ApiException e = assertThrows(ApiException.class, executable);
        assertEquals(400, e.status());
        assertEquals(param, e.param());
        assertEquals(message, e.getMessage());
        return e;
    }
}
