package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.sandbox.paypal.PayPalSandbox;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Inbound PayPal webhooks signed by the sandbox with PayPal's recipe, verified by the connector
 * through the verify-webhook-signature postback.
 */
@QuarkusTest
class PayPalWebhookTest {

    @Inject
    PayPalSandbox sandbox;

    @Inject
    PayPalConnector connector;

    private static String base() {
        return PayPalClients.localBaseUrl() + PayPalClients.SANDBOX_PATH;
    }

    /** A real capture in the sandbox, as the resource of a PAYMENT.CAPTURE.COMPLETED event. */
    private ObjectNode captureEvent() {
        ConnectorResult paid = connector.authorize(PayPalReconciliationTest.card(Ids.newId("pay_"), "4242424242424242", true))
                .await().atMost(Duration.ofSeconds(30));
        String captureId = sandbox.paymentsOf(paid.providerReference()).get(0);
        return sandbox.event("PAYMENT.CAPTURE.COMPLETED", "capture", sandbox.captureResource(captureId, base()));
    }

    private static InboundWebhook inbound(PayPalSandbox.SignedWebhook signed, byte[] body, Instant receivedAt) {
        return new InboundWebhook("paypal", signed.headers(), body, receivedAt);
    }

    private ProviderEvent verify(InboundWebhook webhook) {
        return connector.verifyWebhook(webhook).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void aValidCaptureCompletedWebhookIsVerifiedAndMapped() {
        ObjectNode event = captureEvent();
        PayPalSandbox.SignedWebhook signed = sandbox.sign(event, Instant.now(), base());
        ProviderEvent e = verify(inbound(signed, signed.body(), Instant.now()));
        assertEquals(event.get("id").asText(), e.eventId());
        assertEquals(ProviderEvent.Kind.CAPTURED, e.kind());
        assertEquals(event.at("/resource/supplementary_data/related_ids/order_id").asText(), e.providerReference());
        assertEquals(5000L, e.amount());
    }

    @Test
    void theVerificationRequestCarriesTheEventAsReceivedAndMatchesPayPalsSchema() {
        ObjectNode event = captureEvent();
        PayPalSandbox.SignedWebhook signed = sandbox.sign(event, Instant.now(), base());
        verify(inbound(signed, signed.body(), Instant.now()));
        List<PayPalSandbox.Received> posts = sandbox.received().stream()
                .filter(r -> r.path().equals("/v1/notifications/verify-webhook-signature")).toList();
        String body = posts.get(posts.size() - 1).body();
        PayPalSchemas.assertValid(PayPalSchemas.WEBHOOKS, "verify_webhook_signature", body);
        assertTrue(body.endsWith(",\"webhook_event\":" + new String(signed.body(), StandardCharsets.UTF_8) + "}"), body);
        assertTrue(body.contains("\"webhook_id\":\"WHPAYRAILSANDBOX0001\""), body);
    }

    @Test
    void aTamperedBodyIsRejected() {
        PayPalSandbox.SignedWebhook signed = sandbox.sign(captureEvent(), Instant.now(), base());
        String tampered = new String(signed.body(), StandardCharsets.UTF_8).replace("\"value\":\"50.00\"", "\"value\":\"5.00\"");
        assertTrue(!tampered.equals(new String(signed.body(), StandardCharsets.UTF_8)));
        assertThrows(WebhookRejectedException.class,
                () -> verify(inbound(signed, tampered.getBytes(StandardCharsets.UTF_8), Instant.now())));
    }

    @Test
    void aTamperedSignatureOrTransmissionIdIsRejected() {
        PayPalSandbox.SignedWebhook signed = sandbox.sign(captureEvent(), Instant.now(), base());
        Map<String, String> headers = new HashMap<>(signed.headers());
        headers.put("paypal-transmission-id", java.util.UUID.randomUUID().toString());
        assertThrows(WebhookRejectedException.class,
                () -> verify(new InboundWebhook("paypal", headers, signed.body(), Instant.now())));
        Map<String, String> sig = new HashMap<>(signed.headers());
        String s = sig.get("paypal-transmission-sig");
        sig.put("paypal-transmission-sig", (s.charAt(0) == 'A' ? "B" : "A") + s.substring(1));
        assertThrows(WebhookRejectedException.class,
                () -> verify(new InboundWebhook("paypal", sig, signed.body(), Instant.now())));
    }

    @Test
    void aStaleTransmissionIsRejectedWithoutAskingPayPal() {
        PayPalSandbox.SignedWebhook signed = sandbox.sign(captureEvent(), Instant.now().minus(Duration.ofMinutes(6)), base());
        long before = sandbox.received().stream().filter(r -> r.path().contains("verify-webhook-signature")).count();
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                () -> verify(inbound(signed, signed.body(), Instant.now())));
        assertTrue(e.getMessage().contains("stale"), e.getMessage());
        assertEquals(before, sandbox.received().stream().filter(r -> r.path().contains("verify-webhook-signature")).count());
        // the same delivery, received in time, verifies
        assertNotNull(verify(inbound(signed, signed.body(), Instant.now().minus(Duration.ofMinutes(5)))));
    }

    @Test
    void aWebhookAddressedToAMerchantIsNotVerifiedWithThePlatformsWebhookId() {
        PayPalSandbox.SignedWebhook signed = sandbox.sign(captureEvent(), Instant.now(), base());
        long before = sandbox.received().stream().filter(r -> r.path().contains("verify-webhook-signature")).count();
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class, () -> verify(
                InboundWebhook.forMerchant("mer_someone", "paypal", signed.headers(), signed.body(), Instant.now())));
        assertTrue(e.getMessage().contains("mer_someone"), e.getMessage());
        assertEquals(before, sandbox.received().stream().filter(r -> r.path().contains("verify-webhook-signature")).count());
    }

    @Test
    void missingHeadersAndNonJsonBodiesAreRejected() {
        PayPalSandbox.SignedWebhook signed = sandbox.sign(captureEvent(), Instant.now(), base());
        Map<String, String> headers = new HashMap<>(signed.headers());
        headers.remove("paypal-cert-url");
        assertThrows(WebhookRejectedException.class,
                () -> verify(new InboundWebhook("paypal", headers, signed.body(), Instant.now())));
        assertThrows(WebhookRejectedException.class,
                () -> verify(inbound(signed, "not json".getBytes(StandardCharsets.UTF_8), Instant.now())));
    }

    @Test
    void eventTypesMapToPayrailKinds() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ProviderEvent refunded = PayPalWebhooks.toEvent(m.readTree("""
                {"id":"WH-1","event_type":"PAYMENT.CAPTURE.REFUNDED","resource":{"id":"1JU08902781691411","status":"COMPLETED",
                 "amount":{"currency_code":"USD","value":"12.34"}}}"""));
        assertEquals(ProviderEvent.Kind.REFUND_PROCESSED, refunded.kind());
        assertEquals("1JU08902781691411", refunded.providerReference());
        assertEquals(1234L, refunded.amount());

        ProviderEvent denied = PayPalWebhooks.toEvent(m.readTree("""
                {"id":"WH-2","event_type":"PAYMENT.CAPTURE.DENIED","resource":{"id":"C1","status":"DECLINED",
                 "processor_response":{"response_code":"5120"},"amount":{"currency_code":"JPY","value":"1500"},
                 "supplementary_data":{"related_ids":{"order_id":"O1"}}}}"""));
        assertEquals(ProviderEvent.Kind.FAILED, denied.kind());
        assertEquals("O1", denied.providerReference());
        assertEquals("insufficient_funds", denied.declineCode());
        assertEquals(1500L, denied.amount());

        assertEquals(ProviderEvent.Kind.AUTHORIZED, PayPalWebhooks.toEvent(m.readTree("""
                {"id":"WH-3","event_type":"PAYMENT.AUTHORIZATION.CREATED","resource":{"id":"A1",
                 "supplementary_data":{"related_ids":{"order_id":"O2"}}}}""")).kind());
        assertEquals(ProviderEvent.Kind.CANCELLED, PayPalWebhooks.toEvent(m.readTree("""
                {"id":"WH-4","event_type":"PAYMENT.AUTHORIZATION.VOIDED","resource":{"id":"A1"}}""")).kind());
        ProviderEvent dispute = PayPalWebhooks.toEvent(m.readTree("""
                {"id":"WH-5","event_type":"CUSTOMER.DISPUTE.CREATED","resource":{"dispute_id":"PP-D-1",
                 "disputed_transactions":[{"seller_transaction_id":"C9"}],"dispute_amount":{"currency_code":"EUR","value":"9.99"}}}"""));
        assertEquals(ProviderEvent.Kind.DISPUTED, dispute.kind());
        assertEquals("C9", dispute.providerReference());
        assertEquals(999L, dispute.amount());
        ProviderEvent approved = PayPalWebhooks.toEvent(m.readTree("""
                {"id":"WH-6","event_type":"CHECKOUT.ORDER.APPROVED","resource":{"id":"O3","status":"APPROVED"}}"""));
        assertEquals(ProviderEvent.Kind.IGNORED, approved.kind());
        assertEquals("O3", approved.providerReference());
        assertEquals(ProviderEvent.Kind.IGNORED, PayPalWebhooks.toEvent(m.readTree("""
                {"id":"WH-7","event_type":"BILLING.PLAN.CREATED","resource":{"id":"P1"}}""")).kind());
    }
}
