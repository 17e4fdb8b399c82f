package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;

/** The exhaustive mapping of PayPal statuses: only explicit successes and failures are final. */
class PayPalStatusTest {

    private static final ObjectMapper M = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return M.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @CsvSource({ "COMPLETED,SUCCEEDED", "PARTIALLY_REFUNDED,SUCCEEDED", "REFUNDED,SUCCEEDED", "DECLINED,DECLINED",
            "FAILED,DECLINED", "PENDING,PENDING", "SOMETHING_NEW,PENDING" })
    void captureStatuses(String status, Outcome outcome) {
        assertEquals(outcome, PayPalStatus.ofCapture(json("{\"id\":\"C\",\"status\":\"" + status + "\"}"), "O").outcome());
    }

    @ParameterizedTest
    @CsvSource({ "CREATED,SUCCEEDED", "CAPTURED,SUCCEEDED", "PARTIALLY_CAPTURED,SUCCEEDED", "DENIED,DECLINED",
            "EXPIRED,DECLINED", "VOIDED,DECLINED", "PENDING,PENDING", "SOMETHING_NEW,PENDING" })
    void authorizationStatuses(String status, Outcome outcome) {
        assertEquals(outcome, PayPalStatus.ofAuthorization(json("{\"id\":\"A\",\"status\":\"" + status + "\"}"), "O").outcome());
    }

    @ParameterizedTest
    @CsvSource({ "COMPLETED,SUCCEEDED", "FAILED,DECLINED", "CANCELLED,DECLINED", "PENDING,PENDING", "NEW,PENDING" })
    void refundStatuses(String status, Outcome outcome) {
        assertEquals(outcome, PayPalStatus.ofRefund(json("{\"id\":\"R\",\"status\":\"" + status + "\"}")).outcome());
    }

    @ParameterizedTest
    @CsvSource({ "CREATED,REQUIRES_ACTION", "PAYER_ACTION_REQUIRED,REQUIRES_ACTION", "APPROVED,PENDING", "SAVED,PENDING",
            "VOIDED,DECLINED", "SOMETHING_NEW,PENDING" })
    void orderStatuses(String status, Outcome outcome) {
        ConnectorResult r = PayPalStatus.ofOrder(json("{\"id\":\"O1\",\"status\":\"" + status + "\",\"links\":["
                + "{\"href\":\"https://www.sandbox.paypal.com/checkoutnow?token=O1\",\"rel\":\"payer-action\",\"method\":\"GET\"}]}"));
        assertEquals(outcome, r.outcome());
        assertEquals("O1", r.providerReference());
    }

    @Test
    void aCompletedOrderIsSettledByItsLatestPayment() {
        ConnectorResult captured = PayPalStatus.ofOrder(json("""
                {"id":"O","status":"COMPLETED","purchase_units":[{"payments":{"authorizations":[{"id":"A","status":"CAPTURED"}],
                 "captures":[{"id":"C1","status":"DECLINED","processor_response":{"response_code":"9500"}}]}}]}"""));
        assertEquals(Outcome.DECLINED, captured.outcome());
        assertEquals("fraudulent", captured.declineCode());
        assertEquals(Outcome.PENDING, PayPalStatus.ofOrder(json("{\"id\":\"O\",\"status\":\"COMPLETED\"}")).outcome());
        assertEquals("https://x/approve?token=O", PayPalStatus.payerLink(json("""
                {"links":[{"rel":"self","href":"https://x/self"},{"rel":"approve","href":"https://x/approve?token=O"}]}""")));
    }

    @Test
    void errorsTranslateToDeclinesOrNotSent() {
        ConnectorResult declined = PayPalErrors.translate(422, json("""
                {"name":"UNPROCESSABLE_ENTITY","details":[{"issue":"INSTRUMENT_DECLINED","description":"declined"}]}"""), null);
        assertEquals(Outcome.DECLINED, declined.outcome());
        assertEquals("instrument_declined", declined.declineCode());
        assertEquals(Outcome.NOT_SENT, PayPalErrors.translate(401, json("{\"name\":\"AUTHENTICATION_FAILURE\"}"), null).outcome());
        assertEquals(Outcome.NOT_SENT, PayPalErrors.translate(429, json("{\"name\":\"RATE_LIMIT_REACHED\"}"), null).outcome());
        ConnectorResult invalid = PayPalErrors.translate(400, json("""
                {"name":"INVALID_REQUEST","details":[{"issue":"INVALID_PARAMETER_VALUE"}]}"""), null);
        assertEquals(Outcome.DECLINED, invalid.outcome());
        assertEquals("invalid_parameter_value", invalid.errorCode());
        assertEquals(Outcome.UNKNOWN, PayPalConnector.failure(
                new org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException("t"), "O", "capture").outcome());
        assertEquals(Outcome.NOT_SENT, PayPalConnector.failure(
                new org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException("open"), null, "x").outcome());
        assertEquals(Outcome.UNKNOWN, PayPalConnector.failure(new PayPalConnector.Transient(503), null, "x").outcome());
    }
}
