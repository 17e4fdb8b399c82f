package dev.payrail.card;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CardNetworkTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // Published test numbers.
            "4242424242424242, VISA",
            "4000056655665556, VISA",
            "5555555555554444, MASTERCARD",
            "2223003122003222, MASTERCARD",
            "5105105105105100, MASTERCARD",
            "2720990000000007, MASTERCARD",
            "378282246310005, AMEX",
            "371449635398431, AMEX",
            "340000000000009, AMEX",
            "6011111111111117, DISCOVER",
            "6011000990139424, DISCOVER",
            "6440000000000005, DISCOVER",
            "6500000000000002, DISCOVER",
            "3056930009020004, DINERS",
            "36227206271667, DINERS",
            "38520000023237, DINERS",
            "30000000000004, DINERS",
            "3566002020360505, JCB",
            "3528000000000007, JCB",
            "3589000000000003, JCB",
            "6200000000000005, UNIONPAY",
            "6250941006528599, UNIONPAY",
            "6521500000000006, RUPAY",
            "6522000000000000, RUPAY",
            "6070000000000002, RUPAY",
            "5085000000000007, RUPAY",
            "8172000000000005, RUPAY",
            "8200000000000000, RUPAY",
            "6759649826438453, MAESTRO",
            "6304000000000000, MAESTRO",
            "5018000000000009, MAESTRO",
            "5600000000000000, MAESTRO",
            "5800000000000000, MAESTRO",
            "1234567890123452, UNKNOWN",
            "9999999999999995, UNKNOWN",
            "2220990000000000, UNKNOWN",
            "2721000000000000, UNKNOWN"})
    void detectsNetworkFromIinRanges(String digits, CardNetwork expected) {
        assertEquals(expected, CardNetwork.detect(digits));
    }

    @Test
    void rupaySubrangesWinOverDiscoverAndMaestro() {
        assertEquals(CardNetwork.RUPAY, CardNetwork.detect("6521"));
        assertEquals(CardNetwork.RUPAY, CardNetwork.detect("6522"));
        assertEquals(CardNetwork.DISCOVER, CardNetwork.detect("6523"));
        assertEquals(CardNetwork.DISCOVER, CardNetwork.detect("6520"));
        assertEquals(CardNetwork.RUPAY, CardNetwork.detect("5089"));
        assertEquals(CardNetwork.MAESTRO, CardNetwork.detect("5079"));
        assertEquals(CardNetwork.DISCOVER, CardNetwork.detect("6011"));
        assertEquals(CardNetwork.RUPAY, CardNetwork.detect("6012"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"4242 4242", "abc", "4x", " "})
    void emptyOrNonDigitInputIsUnknown(String digits) {
        assertEquals(CardNetwork.UNKNOWN, CardNetwork.detect(digits));
    }

    @Test
    void shortPrefixesDetectWhatTheyCan() {
        assertEquals(CardNetwork.VISA, CardNetwork.detect("4"));
        assertEquals(CardNetwork.AMEX, CardNetwork.detect("37"));
        assertEquals(CardNetwork.UNKNOWN, CardNetwork.detect("3"));
    }

    @ParameterizedTest
    @CsvSource({
            "VISA, visa", "MASTERCARD, mastercard", "AMEX, amex", "DISCOVER, discover",
            "DINERS, diners", "JCB, jcb", "UNIONPAY, unionpay", "RUPAY, rupay", "MAESTRO, maestro",
            "UNKNOWN, unknown"})
    void jsonNamesAreLowerCase(CardNetwork network, String jsonName) {
        assertEquals(jsonName, network.jsonName());
    }
}
