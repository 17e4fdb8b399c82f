package dev.payrail.connector.braintree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.braintreegateway.BraintreeGateway;
import com.braintreegateway.Environment;
import com.braintreegateway.ResourceCollection;
import com.braintreegateway.Result;
import com.braintreegateway.Transaction;
import com.braintreegateway.TransactionRequest;
import com.braintreegateway.TransactionSearchRequest;
import com.braintreegateway.ValidationError;
import com.braintreegateway.WebhookNotification;
import com.braintreegateway.exceptions.AuthenticationException;
import com.braintreegateway.exceptions.InvalidSignatureException;
import com.braintreegateway.exceptions.NotFoundException;

import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.sandbox.braintree.BraintreeSandbox;
import dev.payrail.sandbox.braintree.BraintreeSandboxSettings;
import dev.payrail.sandbox.braintree.BraintreeSandboxWebhooks;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Braintree's official Java SDK against the emulator and the connector: the SDK's gateway client
 * pointed at {@code /sandbox/braintree} parses every answer the emulator gives, the SDK's webhook
 * parser accepts what the emulator signs, and Payrail accepts what the SDK's webhook testing gateway signs.
 */
@QuarkusTest
class BraintreeSdkCrossCheckTest {

    static final String MERCHANT = "payrail_sandbox_merchant";
    static final String PUBLIC_KEY = "payrail_sandbox_public_key";
    static final String PRIVATE_KEY = "payrail_sandbox_braintree_private_key";

    @Inject
    BraintreeSandbox sandbox;
    @Inject
    BraintreeSandboxWebhooks notifications;
    @Inject
    BraintreeConnector connector;

    BraintreeGateway gateway;

    @BeforeEach
    void pointTheSdkAtTheEmulator() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        Environment emulator = new Environment("http://localhost:" + port + "/sandbox/braintree",
                "http://localhost:" + port + "/sandbox/braintree/auth", new String[0], "payrail-emulator");
        gateway = new BraintreeGateway(emulator, MERCHANT, PUBLIC_KEY, PRIVATE_KEY);
        sandbox.update(BraintreeSandboxSettings.settling("manual", 0));
    }

    @AfterEach
    void reset() {
        sandbox.resetSettings();
    }

    private static TransactionRequest sale(String amount, String orderId, String number, boolean submit) {
        return new TransactionRequest().amount(new BigDecimal(amount)).orderId(orderId).creditCard().number(number)
                .expirationDate("12/2030").cvv("123").done().options().submitForSettlement(submit).done();
    }

    @Test
    void theSdkSellsFindsSettlesPartlyVoidsRefundsAndSearchesOnTheEmulator() {
        String order = "ord_sdk_" + System.nanoTime();
        Result<Transaction> sold = gateway.transaction().sale(sale("25.00", order, "4111111111111111", false));
        assertTrue(sold.isSuccess(), String.valueOf(sold.getMessage()));
        Transaction t = sold.getTarget();
        assertEquals(Transaction.Status.AUTHORIZED, t.getStatus());
        assertEquals(new BigDecimal("25.00"), t.getAmount());
        assertEquals("USD", t.getCurrencyIsoCode());
        assertEquals(order, t.getOrderId());
        assertEquals("1000", t.getProcessorResponseCode());
        assertEquals("1111", t.getCreditCard().getLast4());
        assertEquals(Transaction.Type.SALE, t.getType());
        assertNotNull(t.getCreatedAt());

        Transaction found = gateway.transaction().find(t.getId());
        assertEquals(t.getId(), found.getId());
        assertEquals(Transaction.Status.AUTHORIZED, found.getStatus());
        assertEquals(1, found.getStatusHistory().size());

        Result<Transaction> submitted = gateway.transaction().submitForSettlement(t.getId(), new BigDecimal("10.00"));
        assertTrue(submitted.isSuccess());
        assertEquals(Transaction.Status.SUBMITTED_FOR_SETTLEMENT, submitted.getTarget().getStatus());
        assertEquals(new BigDecimal("10.00"), submitted.getTarget().getAmount(), "a partial settlement lowers the amount");

        // Refund before settlement: Braintree's 91506, as the SDK reads it.
        Result<Transaction> early = gateway.transaction().refund(t.getId(), new BigDecimal("4.00"));
        assertFalse(early.isSuccess());
        List<ValidationError> errors = early.getErrors().getAllDeepValidationErrors();
        assertEquals("91506", errors.get(0).getCode().code);
        assertEquals("Cannot refund transaction unless it is settled.", early.getMessage());

        sandbox.settle(t.getId(), false);
        assertEquals(Transaction.Status.SETTLED, gateway.transaction().find(t.getId()).getStatus());
        Result<Transaction> refunded = gateway.transaction().refund(t.getId(), new BigDecimal("4.00"));
        assertTrue(refunded.isSuccess());
        assertEquals(Transaction.Type.CREDIT, refunded.getTarget().getType());
        assertEquals(t.getId(), refunded.getTarget().getRefundedTransactionId());
        assertEquals(List.of(refunded.getTarget().getId()), gateway.transaction().find(t.getId()).getRefundIds());

        ResourceCollection<Transaction> byOrder = gateway.transaction().search(new TransactionSearchRequest().orderId().is(order));
        assertEquals(1, byOrder.getMaximumSize());
        List<String> ids = new java.util.ArrayList<>();
        byOrder.forEach(x -> ids.add(x.getId()));
        assertEquals(List.of(t.getId()), ids);

        Transaction other = gateway.transaction().sale(sale("12.00", order + "_v", "5555555555554444", false)).getTarget();
        Result<Transaction> voided = gateway.transaction().voidTransaction(other.getId());
        assertTrue(voided.isSuccess());
        assertEquals(Transaction.Status.VOIDED, voided.getTarget().getStatus());
        assertFalse(gateway.transaction().voidTransaction(other.getId()).isSuccess(), "a voided transaction is voided once");
    }

    @Test
    void theSdkReadsTheEmulatorsDeclinesRejectionsAndHttpErrors() {
        Result<Transaction> declined = gateway.transaction().sale(sale("2001.00", "ord_d_" + System.nanoTime(), "4111111111111111", true));
        assertFalse(declined.isSuccess());
        assertEquals(Transaction.Status.PROCESSOR_DECLINED, declined.getTransaction().getStatus());
        assertEquals("2001", declined.getTransaction().getProcessorResponseCode());
        assertEquals("Insufficient Funds", declined.getTransaction().getProcessorResponseText());

        Result<Transaction> failed = gateway.transaction().sale(sale("3000.00", "ord_f_" + System.nanoTime(), "4111111111111111", true));
        assertEquals(Transaction.Status.FAILED, failed.getTransaction().getStatus());

        Result<Transaction> rejected = gateway.transaction().sale(sale("5001.00", "ord_r_" + System.nanoTime(), "4111111111111111", true));
        assertEquals(Transaction.Status.GATEWAY_REJECTED, rejected.getTransaction().getStatus());
        assertEquals(Transaction.GatewayRejectionReason.APPLICATION_INCOMPLETE,
                rejected.getTransaction().getGatewayRejectionReason());

        Result<Transaction> invalid = gateway.transaction().sale(sale("10.00", "ord_i_" + System.nanoTime(), "4111111111111112", true));
        assertFalse(invalid.isSuccess());
        assertEquals(null, invalid.getTransaction());
        assertEquals("81715", invalid.getErrors().getAllDeepValidationErrors().get(0).getCode().code);

        assertThrows(NotFoundException.class, () -> gateway.transaction().find("nosuchtx"));
        BraintreeGateway wrongKeys = new BraintreeGateway(
                new Environment("http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class)
                        + "/sandbox/braintree", "http://localhost/auth", new String[0], "payrail-emulator"),
                MERCHANT, PUBLIC_KEY, "not-the-private-key");
        assertThrows(AuthenticationException.class, () -> wrongKeys.transaction().find("nosuchtx"));
    }

    @Test
    void theSdkParsesTheEmulatorsSignedNotifications() {
        String order = "ord_n_" + System.nanoTime();
        Transaction t = gateway.transaction().sale(sale("30.00", order, "4111111111111111", true)).getTarget();
        BraintreeSandboxWebhooks.Signed settled = sandbox.settle(t.getId(), false).get(0);
        assertTrue(settled.payload().contains("\n"), "base64 in lines, as Braintree sends it");
        WebhookNotification n = gateway.webhookNotification().parse(settled.signature(), settled.payload());
        assertEquals(WebhookNotification.Kind.TRANSACTION_SETTLED, n.getKind());
        assertEquals(t.getId(), n.getTransaction().getId());
        assertEquals(Transaction.Status.SETTLED, n.getTransaction().getStatus());
        assertEquals(new BigDecimal("30.00"), n.getTransaction().getAmount());

        ProviderEvent e = connector.verifyWebhook(inbound(settled.form())).await().indefinitely();
        assertEquals(ProviderEvent.Kind.CAPTURED, e.kind());
        assertEquals(t.getId(), e.providerReference());
        assertEquals(3000L, e.amount());

        BraintreeSandboxWebhooks.Signed forged = notifications.signed("transaction_settled",
                dev.payrail.connector.braintree.BraintreeXml.element("subject"), Instant.now(), PUBLIC_KEY, "attacker");
        assertThrows(InvalidSignatureException.class, () -> gateway.webhookNotification().parse(forged.signature(), forged.payload()));
    }

    @Test
    void payrailAcceptsWhatTheSdksWebhookTestingGatewaySigns() {
        HashMap<String, String> sample = gateway.webhookTesting().sampleNotification(
                WebhookNotification.Kind.TRANSACTION_SETTLED, "sdk_tx_1");
        ProviderEvent e = connector.verifyWebhook(inbound(BraintreeSandboxWebhooks.form(sample.get("bt_signature"),
                sample.get("bt_payload")))).await().indefinitely();
        assertEquals(ProviderEvent.Kind.CAPTURED, e.kind());
        assertEquals("sdk_tx_1", e.providerReference());
        assertEquals("transaction_settled", e.eventType());

        HashMap<String, String> declined = gateway.webhookTesting().sampleNotification(
                WebhookNotification.Kind.TRANSACTION_SETTLEMENT_DECLINED, "sdk_tx_2");
        ProviderEvent d = connector.verifyWebhook(inbound(BraintreeSandboxWebhooks.form(declined.get("bt_signature"),
                declined.get("bt_payload")))).await().indefinitely();
        assertEquals(ProviderEvent.Kind.FAILED, d.kind());
        assertEquals("settlement_declined", d.declineCode());

        HashMap<String, String> check = gateway.webhookTesting().sampleNotification(WebhookNotification.Kind.CHECK, "");
        assertEquals(ProviderEvent.Kind.IGNORED, connector.verifyWebhook(inbound(BraintreeSandboxWebhooks.form(
                check.get("bt_signature"), check.get("bt_payload")))).await().indefinitely().kind());

        // The SDK's signature of another payload does not open this one.
        assertThrows(WebhookRejectedException.class, () -> connector.verifyWebhook(inbound(BraintreeSandboxWebhooks.form(
                sample.get("bt_signature"), declined.get("bt_payload")))).await().indefinitely());
        // Same HMAC recipe as the SDK's challenge answer.
        assertEquals(gateway.webhookNotification().verify("20f9f8ed05f77439fe955c977e4c8a53"),
                BraintreeSignature.sign(PUBLIC_KEY, PRIVATE_KEY, "20f9f8ed05f77439fe955c977e4c8a53"));
    }

    static InboundWebhook inbound(byte[] form) {
        return new InboundWebhook("braintree", Map.of("content-type", "application/x-www-form-urlencoded"), form, Instant.now());
    }
}
