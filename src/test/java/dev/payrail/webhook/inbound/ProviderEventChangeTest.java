package dev.payrail.webhook.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.connector.PaymentMethodType;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentStatus;

/**
 * What a verified provider event does to a payment. A late "authorized" (Stripe's
 * {@code amount_capturable_updated}, sent when the authorization happened) never takes back a capture or
 * void Payrail has sent since: the merchant's capture would otherwise meet a changed payment (409).
 */
class ProviderEventChangeTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static Payment at(PaymentStatus status) {
        Payment processing = Payment.draft().id("pay_evtchange0001").merchant("mer_evtchange").order("order_evtchange0001")
                .amount(2100, "USD").method(PaymentMethodType.CARD, Map.of()).manualCapture(true).provider("stripe")
                .processing(NOW);
        Payment authorized = processing.change().status(PaymentStatus.AUTHORIZED).authorized(2100).build(NOW);
        return status == PaymentStatus.AUTHORIZED ? authorized : authorized.change().status(status).build(NOW);
    }

    private static ProviderEvent authorizedEvent() {
        return new ProviderEvent("evt_1", "payment_intent.amount_capturable_updated", "pi_1",
                ProviderEvent.Kind.AUTHORIZED, 2100L, null);
    }

    @Test
    void aLateAuthorizedEventLeavesAPendingCaptureOrVoidAlone() {
        assertNull(InboundWebhookService.change(at(PaymentStatus.CAPTURE_PENDING), authorizedEvent()));
        assertNull(InboundWebhookService.change(at(PaymentStatus.CANCEL_PENDING), authorizedEvent()));
    }

    @Test
    void anAuthorizedEventStillSettlesAPaymentWaitingForItsAuthorization() {
        Payment waiting = at(PaymentStatus.AUTHORIZED).change().status(PaymentStatus.UNKNOWN).build(NOW);
        assertEquals(PaymentStatus.AUTHORIZED, InboundWebhookService.change(waiting, authorizedEvent()).after().status());
    }
}
