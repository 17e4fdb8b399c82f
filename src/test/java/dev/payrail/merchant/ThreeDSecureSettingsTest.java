package dev.payrail.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.common.ApiException;
import dev.payrail.merchant.ThreeDSecureSettings.Decision;

/** The decision of the rules for one payment, and the validation of an update, without the server. */
class ThreeDSecureSettingsTest {

    private static ThreeDSecureSettings rules(String mode, Long fallback, Map<String, Object> thresholds) {
        return ThreeDSecureSettings.validate(new ThreeDSecureSettings.Update(mode, fallback, thresholds));
    }

    @Test
    void thresholdAppliesAtAndAboveTheCurrencysAmountThenTheDefault() {
        var r = rules("threshold", 10_000L, Map.of("USD", 3000, "JPY", 500));
        assertEquals(Decision.AUTOMATIC, r.decide(2999, "USD"));
        assertEquals(Decision.CHALLENGE, r.decide(3000, "USD"));
        assertEquals(Decision.CHALLENGE, r.decide(3001, "USD"));
        assertEquals(Decision.AUTOMATIC, r.decide(499, "JPY"));
        assertEquals(Decision.CHALLENGE, r.decide(500, "JPY"));
        assertEquals(Decision.AUTOMATIC, r.decide(9999, "EUR"), "EUR has no threshold of its own: the default");
        assertEquals(Decision.CHALLENGE, r.decide(10_000, "EUR"));
        var noDefault = rules("threshold", null, Map.of("USD", 0));
        assertEquals(Decision.CHALLENGE, noDefault.decide(1, "USD"));
        assertEquals(Decision.AUTOMATIC, noDefault.decide(99_999_999, "EUR"));
    }

    @Test
    void eachModeDecides() {
        assertEquals(Decision.CHALLENGE, rules("always", null, null).decide(1, "USD"));
        assertEquals(Decision.REFUSE, rules("never", 1L, null).decide(1_000_000, "USD"));
        assertEquals(Decision.AUTOMATIC, rules("when_required", 1L, null).decide(1_000_000, "USD"),
                "a threshold applies in mode threshold only");
        assertEquals(Decision.AUTOMATIC, ThreeDSecureSettings.NEW_MERCHANT.decide(1_000_000, "USD"));
    }

    @Test
    void aThresholdBeyondTheCurrencysLargestAmountIsRefused() {
        ApiException e = assertThrows(ApiException.class, () -> rules("threshold", null, Map.of("JPY", 100_000_000L)));
        assertEquals("thresholds.JPY", e.param());
        assertEquals(Long.valueOf(99_999_999L), rules("threshold", null, Map.of("JPY", 99_999_999L)).thresholdFor("JPY"));
    }
}
