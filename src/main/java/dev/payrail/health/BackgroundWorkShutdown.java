package dev.payrail.health;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.payrail.payment.async.PaymentJobWorker;
import dev.payrail.refund.RefundSettler;
import dev.payrail.webhook.WebhookDispatcher;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Stops the pollers (queued payments, refund settlement, webhook deliveries) when the shutdown
 * begins ({@link ShutdownEvent}, before the database pool closes), so that no poll
 * starts against a closed pool. What they leave unclaimed is claimed by another pod or the next start.
 */
@Singleton
public class BackgroundWorkShutdown {

    void stop(@Observes ShutdownEvent event, PaymentJobWorker payments, RefundSettler refunds,
            WebhookDispatcher webhooks) {
        payments.pause();
        refunds.pause();
        webhooks.pause();
    }
}
