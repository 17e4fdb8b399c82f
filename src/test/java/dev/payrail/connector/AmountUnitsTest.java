package dev.payrail.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link AmountUnits} in general, and its notation rules against documented examples (the
 * connectors' own tables are checked in their packages: StripeUnitsTest, PayPalAmountUnitsTest).
 */
class AmountUnitsTest {

    @Test
    void isoMinorUnitsAreIdentity() {
        assertEquals("1050", AmountUnits.ISO_MINOR.toProvider("USD", 1050));
        assertEquals(1050L, AmountUnits.ISO_MINOR.toProviderInteger("USD", 1050));
        assertEquals(1234L, AmountUnits.ISO_MINOR.fromProvider("KWD", 1234));
        assertTrue(AmountUnits.ISO_MINOR.supports("HUF", 100050));
    }

    @Test
    void majorDecimalsUseTheProvidersExponent() {
        AmountUnits units = AmountUnits.majorUnits().exponent(0, "HUF").build();
        assertEquals("10.50", units.toProvider("USD", 1050));
        assertEquals("1.234", units.toProvider("KWD", 1234));
        assertEquals("1000", units.toProvider("HUF", 100000));
        assertEquals(100000L, units.fromProvider("HUF", "1000"));
        assertEquals(1050L, units.fromProvider("USD", "10.5"));
        assertFalse(units.supports("HUF", 100050));
        AmountUnits.NotRepresentable e = assertThrows(AmountUnits.NotRepresentable.class,
                () -> units.toProvider("HUF", 100050));
        assertEquals("only whole HUF, and 100050 is 1000.50 HUF", e.getMessage());
        assertThrows(AmountUnits.NotRepresentable.class, () -> units.fromProvider("USD", "10.505"));
        assertThrows(AmountUnits.NotRepresentable.class, () -> units.fromProvider("USD", "ten"));
        assertThrows(AmountUnits.NotRepresentable.class, () -> units.toProvider("XXX", 1));
        assertThrows(IllegalStateException.class, () -> units.toProviderInteger("USD", 1));
    }

    @Test
    void chargeableDecimalsBelowTheExponentMustBeZero() {
        AmountUnits units = AmountUnits.minorUnits().exponent(2, "ISK").chargeable(0, "ISK").chargeable(2, "KWD").build();
        assertEquals(500L, units.toProviderInteger("ISK", 5));
        assertEquals(5L, units.fromProvider("ISK", 500));
        assertEquals(5120L, units.toProviderInteger("KWD", 5120));
        assertEquals("at most 2 decimals of KWD, and 5124 is 5.124 KWD", units.refusal("KWD", 5124));
        assertThrows(AmountUnits.NotRepresentable.class, () -> units.fromProvider("ISK", 550));
    }
}
