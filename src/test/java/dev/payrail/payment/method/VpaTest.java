package dev.payrail.payment.method;

import dev.payrail.common.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VpaTest {

    @ParameterizedTest
    @ValueSource(strings = {"success@razorpay", "jane.doe@okicici", "user_1-x@ybl", "9876543210@paytm", "A.B@UPI1"})
    void validVpasAreReturnedUnchanged(String vpa) {
        assertEquals(vpa, Vpa.require(vpa, "upi.vpa"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "nohandle", "@handle", "name@", "name@@handle", "name@hand.le", "name@hand-le",
            "na me@handle", "name@handle ", "naïve@handle", "a@b@c", "name+tag@handle"})
    void malformedVpasAreRejected(String vpa) {
        ApiException e = assertThrows(ApiException.class, () -> Vpa.require(vpa, "upi.vpa"));
        assertEquals(400, e.status());
        assertEquals("upi.vpa", e.param());
        assertTrue(e.getMessage().startsWith("upi.vpa is not a valid UPI VPA"), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void vpaIsRequired(String vpa) {
        ApiException e = assertThrows(ApiException.class, () -> Vpa.require(vpa, "upi.vpa"));
        assertEquals("upi.vpa is required", e.getMessage());
    }

    @Test
    void atMost100Characters() {
        String longest = "a".repeat(93) + "@handle";
        assertEquals(100, longest.length());
        assertEquals(longest, Vpa.require(longest, "vpa"));
        ApiException e = assertThrows(ApiException.class, () -> Vpa.require("a" + longest, "vpa"));
        assertEquals("vpa must be at most 100 characters", e.getMessage());
    }
}
