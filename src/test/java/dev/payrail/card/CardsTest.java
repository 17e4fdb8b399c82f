package dev.payrail.card;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "4242424242424242", "5555555555554444", "2223003122003222", "378282246310005",
            "6011111111111117", "3056930009020004", "3566002020360505", "6200000000000005",
            "36227206271667", "6759649826438453", "6521500000000006", "4000056655665556",
            "79927398713", "00"})
    void luhnAcceptsValidNumbers(String digits) {
        assertTrue(Cards.luhnValid(digits));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "4242424242424241", "4242424242424243", "5555555555554445", "378282246310006",
            "79927398710", "0", "4242 4242 4242 4242", "424242424242424a", "-4242424242424242"})
    void luhnRejectsInvalidInput(String digits) {
        assertFalse(Cards.luhnValid(digits));
    }

    @ParameterizedTest
    @CsvSource({
            "4242424242424242, 4242424242424242",
            "'4242 4242 4242 4242', 4242424242424242",
            "4242-4242-4242-4242, 4242424242424242",
            "' 4242 - 4242-4242 4242 ', 4242424242424242",
            "378282246310005, 378282246310005",
            "123456789012, 123456789012",
            "1234567890123456789, 1234567890123456789"})
    void normalizePanStripsSpacesAndDashes(String raw, String expected) {
        assertEquals(expected, Cards.normalizePan(raw));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "12345678901", "12345678901234567890", "4242.4242.4242.4242", "4242\t4242424242424",
            "4242424242424242x", "４２４２４２４２４２４２４２４２", "   ", "----"})
    void normalizePanRejectsEverythingElse(String raw) {
        assertNull(Cards.normalizePan(raw));
    }
}
