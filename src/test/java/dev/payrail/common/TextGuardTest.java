package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class TextGuardTest {

    @Test
    void cardNumbersAreFoundHoweverTheyAreWritten() {
        for (String text : new String[] { "4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242",
                "pay with 4242 4242 4242 4242 thanks", "5555555555554444", "378282246310005", "6011111111111117",
                "4000 0566 5566 5556 12/30", "name:4111111111111111;", "4111-1111 1111-1111", "4242424242424242 1234" }) {
            assertTrue(TextGuard.containsCardNumber(text), text);
            assertEquals(TextGuard.Flaw.CARD_NUMBER, TextGuard.flaw(text), text);
        }
    }

    @Test
    void digitsThatAreNoCardNumberPass() {
        for (String text : new String[] { "Ada Lovelace", "Room 4242, order 12345678", "4242424242424241",
                "+91 98765 43210", "2026-12-02", "order_4242424242", "123456789012", "42424242424242424242424",
                "4242  4242  4242  4242", "rcpt-" + "1".repeat(12), "order_00000000000000", "0000 0000 0000 0000", "" }) {
            assertFalse(TextGuard.containsCardNumber(text), text);
            assertNull(TextGuard.flaw(text), text);
        }
    }

    @Test
    void nulAndLoneSurrogatesAreEncodingFlaws() {
        assertEquals(TextGuard.Flaw.NUL, TextGuard.encodingFlaw("a\u0000b"));
        assertEquals(TextGuard.Flaw.LONE_SURROGATE, TextGuard.encodingFlaw("\ud800"));
        assertEquals(TextGuard.Flaw.LONE_SURROGATE, TextGuard.encodingFlaw("x\udc00"));
        assertEquals(TextGuard.Flaw.LONE_SURROGATE, TextGuard.encodingFlaw("\ud800x"));
        assertNull(TextGuard.encodingFlaw("card \ud83d\udcb3 ok"));
        assertNull(TextGuard.encodingFlaw(null));
    }

    @Test
    void theJacksonModuleRefusesFlawsInValuesKeysAndListsButNotInCardNumberFields() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        record Card(@CardNumberField String number, String holder) {
        }
        record Body(Card card, java.util.Map<String, Object> metadata, java.util.List<String> tags) {
        }
        assertEquals("4242424242424242", mapper.readValue("{\"card\":{\"number\":\"4242424242424242\",\"holder\":\"Ada\"}}",
                Body.class).card().number());
        String[][] cases = { { "{\"card\":{\"number\":\"42\\u0000\"}}", "card.number" },
                { "{\"card\":{\"holder\":\"4242 4242 4242 4242\"}}", "card.holder" },
                { "{\"metadata\":{\"note\":\"\\ud800\"}}", "metadata.note" },
                { "{\"metadata\":{\"n\\u0000\":\"v\"}}", "metadata" },
                { "{\"tags\":[\"ok\",\"5555555555554444\"]}", "tags[1]" } };
        assertEquals("4242 4242 4242 4242", mapper.readerFor(Body.class).withAttribute(StrictText.STORED_DATA, true)
                .<Body>readValue("{\"card\":{\"holder\":\"4242 4242 4242 4242\"}}").card().holder(),
                "data the gateway stored itself stays readable");
        for (String[] c : cases) {
            try {
                mapper.readValue(c[0], Body.class);
                throw new AssertionError("accepted " + c[0]);
            } catch (StrictText.InvalidText e) {
                assertEquals(c[1], ProblemMappers.jsonProblem(e).param(), c[0]);
            }
        }
    }
}
