package dev.payrail.webhook;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Webhook metrics: {@code payrail_webhook_deliveries_total{outcome}} (succeeded, retrying, failed,
 * refused), {@code payrail_webhook_delivery_seconds}, {@code payrail_webhook_queue_depth},
 * {@code payrail_webhook_queue_oldest_age_seconds} and {@code payrail_webhook_endpoints_disabled_total}.
 */
@Singleton
public class WebhookMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter disabled;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestAge = new AtomicLong();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("payrail.webhook.delivery").description("Time of one webhook delivery attempt")
                .publishPercentileHistogram().register(registry);
        this.disabled = Counter.builder("payrail.webhook.endpoints.disabled")
                .description("Endpoints disabled because the receiver answered 410 Gone").register(registry);
        Gauge.builder("payrail.webhook.queue.depth", depth, AtomicLong::get)
                .description("Outbox events waiting for delivery").register(registry);
        Gauge.builder("payrail.webhook.queue.oldest.age", oldestAge, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest undelivered event").register(registry);
    }

    void attempt(String outcome, Duration took) {
        registry.counter("payrail.webhook.deliveries", "outcome", outcome).increment();
        latency.record(took);
    }

    void endpointDisabled() {
        disabled.increment();
    }

    void backlog(long queueDepth, long oldestAgeSeconds) {
        depth.set(queueDepth);
        oldestAge.set(oldestAgeSeconds);
    }
}
