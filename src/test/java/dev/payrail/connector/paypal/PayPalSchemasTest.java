package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The schema validator itself catches what PayPal's OpenAPI forbids (so the connector checks can fail). */
class PayPalSchemasTest {

    @Test
    void anOrderWithAnUnknownIntentOrAMalformedAmountIsRejected() {
        assertFalse(PayPalSchemas.errors(PayPalSchemas.ORDERS, "order_request",
                "{\"intent\":\"SALE\",\"purchase_units\":[{\"amount\":{\"currency_code\":\"USD\",\"value\":\"1.00\"}}]}").isEmpty());
        assertFalse(PayPalSchemas.errors(PayPalSchemas.ORDERS, "order_request",
                "{\"intent\":\"CAPTURE\",\"purchase_units\":[{\"amount\":{\"currency_code\":\"USD\",\"value\":\"1,00\"}}]}").isEmpty());
        assertFalse(PayPalSchemas.errors(PayPalSchemas.ORDERS, "order_request",
                "{\"intent\":\"CAPTURE\",\"purchase_units\":[]}").isEmpty());
        assertFalse(PayPalSchemas.errors(PayPalSchemas.ORDERS, "order_request",
                "{\"intent\":\"CAPTURE\",\"purchase_units\":[{\"amount\":{\"currency_code\":\"USD\",\"value\":\"1.00\"}}],"
                        + "\"payment_source\":{\"card\":{\"number\":\"4242\",\"expiry\":\"2030-13\"}}}").isEmpty());
    }

    @Test
    void aCaptureWithAStringFinalCaptureAndAVerificationWithoutEventAreRejected() {
        assertFalse(PayPalSchemas.errors(PayPalSchemas.PAYMENTS, "capture_request",
                "{\"final_capture\":\"yes\"}").isEmpty());
        assertFalse(PayPalSchemas.errors(PayPalSchemas.WEBHOOKS, "verify_webhook_signature",
                "{\"auth_algo\":\"SHA256withRSA\"}").isEmpty());
    }
}
