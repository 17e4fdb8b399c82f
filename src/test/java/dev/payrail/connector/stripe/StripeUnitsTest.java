package dev.payrail.connector.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.ProviderEvent;

/** Stripe's amounts against the examples of docs.stripe.com/currencies. */
class StripeUnitsTest {

    private static final AmountUnits UNITS = StripeConnector.UNITS;

    @Test
    void twoDecimalCurrenciesAreCentsAndZeroDecimalOnesWholeUnits() {
        // "to charge 10 USD, provide an amount value of 1000"; "to charge ¥500, provide an amount value of 500"
        assertEquals(1000L, UNITS.toProviderInteger("USD", 1000));
        assertEquals(500L, UNITS.toProviderInteger("JPY", 500));
        assertEquals(500L, UNITS.toProviderInteger("KRW", 500));
        // HUF and TWD are charged with two decimals at Stripe (zero-decimal for payouts only)
        assertEquals(100050L, UNITS.toProviderInteger("HUF", 100050));
        assertEquals(100050L, UNITS.toProviderInteger("TWD", 100050));
    }

    @Test
    void stripesOwnExceptionsToIso4217() {
        // ISK: zero decimals in ISO, written with two at Stripe: "to charge 5 ISK, provide an amount value of 500"
        assertEquals(500L, UNITS.toProviderInteger("ISK", 5));
        assertEquals(5L, UNITS.fromProvider("ISK", 500));
        // MGA: two decimals in ISO 4217, zero-decimal at Stripe
        assertEquals(10L, UNITS.toProviderInteger("MGA", 1000));
        assertFalse(UNITS.supports("MGA", 1050));
        // three-decimal currencies: "5.124 KWD must be rounded to 5120 or 5130" (we refuse rather than round)
        assertEquals(5120L, UNITS.toProviderInteger("KWD", 5120));
        assertFalse(UNITS.supports("KWD", 5124));
        assertTrue(UNITS.supports("BHD", 1230));
    }

    @Test
    void eventAmountsAreReadInTheObjectsCurrency() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ProviderEvent isk = StripeEvents.translate(m.readTree("""
                {"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","amount_received":50000,
                 "currency":"isk"}}}"""));
        assertEquals(500L, isk.amount());
        ProviderEvent mga = StripeEvents.translate(m.readTree("""
                {"id":"evt_2","type":"payment_intent.succeeded","data":{"object":{"id":"pi_2","amount_received":10,
                 "currency":"mga"}}}"""));
        assertEquals(1000L, mga.amount());
        ProviderEvent noCurrency = StripeEvents.translate(m.readTree("""
                {"id":"evt_3","type":"payment_intent.succeeded","data":{"object":{"id":"pi_3","amount_received":10}}}"""));
        assertNull(noCurrency.amount());
    }
}
