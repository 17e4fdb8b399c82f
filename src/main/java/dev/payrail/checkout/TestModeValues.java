package dev.payrail.checkout;

import java.util.List;

/**
 * The test values a test-mode checkout lists in its banner (the magic cards and VPAs of the
 * sandbox's providers). Implemented in the sandbox flavour only: production code holds no test card
 * numbers, and a production build shows the banner without a list.
 */
public interface TestModeValues {

    /** One value: {@code kind} is succeeds, declined, challenge, upi_success or upi_failure. */
    record Value(String method, String value, String kind) {
    }

    List<Value> values();
}
