package dev.payrail.sandbox;

import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.checkout.TestModeValues;

/** The simulator's magic cards and VPAs, listed by the test-mode checkout's banner. */
@Singleton
public class CheckoutTestValues implements TestModeValues {

    private static final List<Value> VALUES = List.of(
            new Value("card", grouped(MagicCards.SUCCESS), "succeeds"),
            new Value("card", grouped(MagicCards.GENERIC_DECLINE), "declined"),
            new Value("card", grouped(MagicCards.REQUIRES_ACTION), "challenge"),
            new Value("upi", "success@payrail", "upi_success"),
            new Value("upi", "failure@payrail", "upi_failure"));

    @Override
    public List<Value> values() {
        return VALUES;
    }

    private static String grouped(String pan) {
        return pan.replaceAll("(\\d{4})(?=\\d)", "$1 ");
    }
}
