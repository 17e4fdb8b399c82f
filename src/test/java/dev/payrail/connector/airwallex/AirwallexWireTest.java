package dev.payrail.connector.airwallex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;

/** Airwallex's documented shapes read by the connector's mapping, and its amounts written as decimals. */
class AirwallexWireTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static JsonNode read(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void amountsAreExactDecimalMajorUnitsWithIsoExponents() {
        assertEquals(new BigDecimal("10.50"), AirwallexConnector.major("USD", 1050));
        assertEquals("10.50", AirwallexConnector.major("USD", 1050).toPlainString());
        assertEquals(new BigDecimal("500"), AirwallexConnector.major("JPY", 500));
        assertEquals(new BigDecimal("1.234"), AirwallexConnector.major("KWD", 1234));
        assertEquals(8059L, AirwallexConnector.UNITS.fromProvider("USD", "80.59"));
        assertEquals(10000L, AirwallexConnector.UNITS.fromProvider("CNY", "100.0"));
    }

    @Test
    void theDocumentedCreateAnswerIsAnUnconfirmedIntent() throws Exception {
        JsonNode created = read(AirwallexConnectorTest.fixture("create_response.json"));
        assertFalse(AirwallexMapping.confirmed(created));
        ConnectorResult r = AirwallexMapping.status(created);
        assertEquals(Outcome.PENDING, r.outcome());
        assertEquals(PaymentStage.PENDING, r.stage());
        assertEquals("int_gECH4yeBzr50vOYFtzNyIsSW9e8", r.providerReference());
        assertEquals(10000L, AirwallexMapping.amount(created, "amount"));
        assertEquals(0L, AirwallexMapping.amount(created, "captured_amount"));
        assertEquals(Instant.parse("2020-06-21T05:23:25Z"), AirwallexConnector.expiresAt(created.path("created_at").asText()));
    }

    @Test
    void theStatusMapIsExhaustiveAndDefaultsToPending() throws Exception {
        String base = "{\"id\":\"int_1\",\"amount\":50.00,\"currency\":\"USD\",\"captured_amount\":20.00,\"status\":\"%s\"}";
        assertEquals(PaymentStage.AUTHORIZED, AirwallexMapping.status(read(base.formatted("REQUIRES_CAPTURE"))).stage());
        ConnectorResult captured = AirwallexMapping.status(read(base.formatted("SUCCEEDED")));
        assertEquals(PaymentStage.CAPTURED, captured.stage());
        assertEquals(2000L, captured.amountCaptured());
        assertEquals(PaymentStage.VOIDED, AirwallexMapping.status(read(base.formatted("CANCELLED"))).stage());
        assertEquals(PaymentStage.FAILED, AirwallexMapping.status(read(base.formatted("EXPIRED"))).stage());
        for (String pending : new String[] { "PENDING", "PENDING_REVIEW", "CREATED", "REQUIRES_CUSTOMER_ACTION", "SOMETHING_NEW" }) {
            ConnectorResult r = AirwallexMapping.status(read(base.formatted(pending)));
            assertEquals(PaymentStage.PENDING, r.stage(), pending);
        }
        JsonNode failed = read("{\"id\":\"int_2\",\"status\":\"REQUIRES_PAYMENT_METHOD\",\"latest_payment_attempt\":"
                + "{\"id\":\"att_1\",\"status\":\"FAILED\",\"failure_code\":\"issuer_declined\","
                + "\"provider_original_response_code\":\"51\"}}");
        ConnectorResult declined = AirwallexMapping.status(failed);
        assertEquals(Outcome.DECLINED, declined.outcome());
        assertEquals(PaymentStage.FAILED, declined.stage());
        assertEquals("issuer_declined", declined.errorCode());
        assertEquals("51", declined.declineCode());
    }

    @Test
    void refundStatusesMapSettledToProcessedAndTheRestToPending() throws Exception {
        assertEquals(Outcome.SUCCEEDED, AirwallexMapping.refund(read("{\"id\":\"rfd_1\",\"status\":\"SETTLED\"}")).outcome());
        assertEquals(Outcome.DECLINED, AirwallexMapping.refund(read("{\"id\":\"rfd_1\",\"status\":\"FAILED\"}")).outcome());
        for (String s : new String[] { "RECEIVED", "ACCEPTED", "NEW_ONE" }) {
            assertEquals(Outcome.PENDING, AirwallexMapping.refund(read("{\"id\":\"rfd_1\",\"status\":\"" + s + "\"}")).outcome());
        }
    }

    @Test
    void theDocumentedErrorShapeIsADeclineOnlyForDeclineCodes() throws Exception {
        JsonNode validation = read(AirwallexConnectorTest.fixture("error_validation.json"));
        assertFalse(AirwallexMapping.isDecline(AirwallexMapping.text(validation, "code")));
        JsonNode issuer = read("{\"code\":\"issuer_declined\",\"message\":\"The card issuer declined this transaction.\","
                + "\"details\":{\"original_response_code\":\"05\"},\"trace_id\":\"abc\"}");
        ConnectorResult r = AirwallexMapping.declined("int_9", issuer, 400);
        assertEquals("issuer_declined", r.errorCode());
        assertEquals("05", r.declineCode());
    }

    @Test
    void requestIdsAreTheAttemptIdWithinSixtyFourCharacters() {
        assertEquals("att_abc", AirwallexConnector.requestId("att_abc", null));
        assertEquals("att_abc_confirm", AirwallexConnector.requestId("att_abc", "confirm"));
        assertThrows(IllegalArgumentException.class, () -> AirwallexConnector.requestId("a".repeat(60), "confirm"));
        assertNull(AirwallexMapping.amount(JSON.createObjectNode().put("amount", 1), "amount"), "no currency, no amount");
    }
}
