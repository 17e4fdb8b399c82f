package dev.payrail.connector.pagadito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;

/**
 * The wire format against Pagadito's own PHP library ({@code class Pagadito}, "PHP 1.5.1",
 * Pagadito.com, linked from dev.pagadito.com's APIPG docs). There is no Java SDK; the values below
 * are those of the library's {@code config()} and of the parameter arrays of its {@code connect()},
 * {@code exec_trans()} and {@code get_status()}, and the status names its documentation lists.
 */
class PagaditoWireTest {

    @Test
    void operationKeysAreThoseOfThePhpLibrary() {
        // $this->op_connect_key, op_exec_trans_key, op_get_status_key, op_get_exchange_rate_key
        assertEquals("f3f191ce3326905ff4403bb05b0de150", PagaditoWire.OP_CONNECT);
        assertEquals("41216f8caf94aaa598db137e36d4673e", PagaditoWire.OP_EXEC_TRANS);
        assertEquals("0b50820c65b0de71ce78f6221a5cf876", PagaditoWire.OP_GET_STATUS);
        assertEquals("da6b597cfcd0daf129287758b3c73b76", PagaditoWire.OP_GET_EXCHANGE_RATE);
        // connect() == "PG1001", exec_trans() == "PG1002", get_status() == "PG1003"
        assertEquals("PG1001", PagaditoWire.CONNECTED);
        assertEquals("PG1002", PagaditoWire.REGISTERED);
        assertEquals("PG1003", PagaditoWire.STATUS);
    }

    @Test
    void parameterNamesAreThoseOfThePhpLibrary() {
        // connect(): operation, uid, wsk, format_return
        assertEquals("operation", PagaditoWire.OPERATION);
        assertEquals("uid", PagaditoWire.UID);
        assertEquals("wsk", PagaditoWire.WSK);
        assertEquals("format_return", PagaditoWire.FORMAT_RETURN);
        // exec_trans(): operation, token, ern, amount, details, custom_params, currency, format_return,
        // allow_pending_payments
        assertEquals("token", PagaditoWire.TOKEN);
        assertEquals("ern", PagaditoWire.ERN);
        assertEquals("amount", PagaditoWire.AMOUNT);
        assertEquals("details", PagaditoWire.DETAILS);
        assertEquals("custom_params", PagaditoWire.CUSTOM_PARAMS);
        assertEquals("currency", PagaditoWire.CURRENCY);
        assertEquals("allow_pending_payments", PagaditoWire.ALLOW_PENDING_PAYMENTS);
        // get_status(): operation, token, token_trans, format_return
        assertEquals("token_trans", PagaditoWire.TOKEN_TRANS);
    }

    @Test
    void theFormIsUrlEncodedKeyValuePairsInOrderAsFormatPostVars() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("operation", PagaditoWire.OP_EXEC_TRANS);
        params.put("details", "[{\"quantity\":1,\"description\":\"Payment pay_1\",\"price\":10.50}]");
        params.put("custom_params", "[]");
        String form = PagaditoWire.form(params);
        // PHP's urlencode: space as +, every other reserved character percent-encoded.
        assertEquals("operation=41216f8caf94aaa598db137e36d4673e&details=%5B%7B%22quantity%22%3A1%2C%22description"
                + "%22%3A%22Payment+pay_1%22%2C%22price%22%3A10.50%7D%5D&custom_params=%5B%5D", form);
        assertEquals(params, PagaditoWire.parseForm(form));
    }

    @Test
    void theTransactionTokenIsReadFromThePayerUrl() {
        assertEquals("abc123def456", PagaditoWire.transactionToken(
                "https://sandbox.pagadito.com/comercios/index.php?mod=login&token=abc123def456"));
        assertNull(PagaditoWire.transactionToken("https://sandbox.pagadito.com/comercios/index.php?mod=login"));
        assertNull(PagaditoWire.transactionToken("not a url"));
    }

    @Test
    void amountsAreDecimalStringsWithTwoDecimals() {
        assertEquals("10.00", PagaditoConnector.UNITS.toProvider("USD", 1000));
        assertEquals("1234.56", PagaditoConnector.UNITS.toProvider("GTQ", 123456));
        assertEquals(123456, PagaditoConnector.UNITS.fromProvider("HNL", "1234.56"));
    }

    @Test
    void onlyCompletedIsPaidAndEveryOtherStatusIsMapped() {
        assertStatus("COMPLETED", Outcome.SUCCEEDED, PaymentStage.CAPTURED);
        assertStatus("REGISTERED", Outcome.REQUIRES_ACTION, PaymentStage.PENDING);
        assertStatus("VERIFYING", Outcome.PENDING, PaymentStage.PENDING);
        assertStatus("REVOKED", Outcome.DECLINED, PaymentStage.FAILED);
        assertStatus("FAILED", Outcome.DECLINED, PaymentStage.FAILED);
        assertStatus("CANCELED", Outcome.DECLINED, PaymentStage.FAILED);
        assertStatus("EXPIRED", Outcome.DECLINED, PaymentStage.FAILED);
        assertStatus("SOMETHING_NEW", Outcome.PENDING, PaymentStage.PENDING);
        assertEquals(700L, status("COMPLETED").amountCaptured());
        assertEquals("tok", status("COMPLETED").providerReference(), "the token stays the reference");
        assertEquals("payer_cancelled", status("CANCELED").errorCode());
        assertEquals("payment_expired", status("EXPIRED").errorCode());
    }

    @Test
    void aLostExecTransAnswerIsAFailureNotAnUnknownOutcome() {
        ConnectorResult lost = PagaditoConnector.execTransLost(new java.util.concurrent.TimeoutException("timed out"));
        assertEquals(Outcome.DECLINED, lost.outcome());
        assertEquals("provider_timeout", lost.errorCode());
        ConnectorResult never = PagaditoConnector.execTransLost(new java.net.ConnectException("refused"));
        assertEquals(Outcome.NOT_SENT, never.outcome());
    }

    private static ConnectorResult status(String status) {
        ObjectNode value = new ObjectMapper().createObjectNode().put("status", status).put("reference", "12345678")
                .put("date_trans", "2026-12-02 16:00:00");
        return PagaditoMapping.status("tok", value, 700);
    }

    private static void assertStatus(String status, Outcome outcome, PaymentStage stage) {
        ConnectorResult r = status(status);
        assertEquals(outcome, r.outcome(), status);
        assertEquals(stage, r.stage(), status);
    }
}
