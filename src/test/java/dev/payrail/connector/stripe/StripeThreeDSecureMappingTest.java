package dev.payrail.connector.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;

/** The 3-D Secure version Payrail reads from a PaymentIntent whose latest Charge was expanded. */
class StripeThreeDSecureMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theVersionComesFromTheExpandedChargesThreeDSecure() throws Exception {
        var intent = JSON.readTree("""
                {"id":"pi_1","status":"succeeded","amount_received":1500,"latest_charge":{"id":"ch_1","object":"charge",
                 "payment_method_details":{"type":"card","card":{"last4":"4242","three_d_secure":{
                 "authentication_flow":"challenge","result":"authenticated","version":"2.2.0"}}}}}""");
        var r = StripeMapping.status(intent);
        assertEquals(Outcome.SUCCEEDED, r.outcome());
        assertEquals(PaymentStage.CAPTURED, r.stage());
        assertEquals("2.2.0", r.authenticationVersion());
    }

    @Test
    void aChargeIdOrAChargeWithoutAuthenticationHasNoVersion() throws Exception {
        assertNull(StripeMapping.status(JSON.readTree("""
                {"id":"pi_1","status":"requires_capture","latest_charge":"ch_1"}""")).authenticationVersion());
        assertNull(StripeMapping.status(JSON.readTree("""
                {"id":"pi_1","status":"succeeded","latest_charge":{"id":"ch_1","payment_method_details":
                 {"type":"card","card":{"three_d_secure":null}}}}""")).authenticationVersion());
    }
}
