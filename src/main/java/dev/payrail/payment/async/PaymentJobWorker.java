package dev.payrail.payment.async;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentOrchestrator;
import dev.payrail.payment.PaymentStatus;
import dev.payrail.payment.PaymentStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Processes payments accepted with {@code Prefer: respond-async}: claims their jobs, calls the
 * provider through {@link PaymentOrchestrator#processQueued} (the same outcome path as a
 * synchronous payment, which writes the event the merchant's webhook announces) and removes the
 * job. A job whose payment already left {@code processing} is simply removed, so a run repeated
 * after a crash does nothing twice.
 */
@Singleton
public class PaymentJobWorker extends ClaimingWorker<PaymentJobStore.Job> {

    private static final Logger LOG = Logger.getLogger(PaymentJobWorker.class);

    private final PaymentJobStore jobs;
    private final PaymentStore payments;
    private final PaymentOrchestrator orchestrator;
    private final AsyncConfig config;

    PaymentJobWorker(PaymentJobStore jobs, PaymentStore payments, PaymentOrchestrator orchestrator, AsyncConfig config) {
        this.jobs = jobs;
        this.payments = payments;
        this.orchestrator = orchestrator;
        this.config = config;
    }

    @Scheduled(every = "${payrail.async.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return drain(config, LOG, "claiming payment jobs");
    }

    @Override
    Uni<List<PaymentJobStore.Job>> claim() {
        return jobs.claim(config.batchSize(), config.lease());
    }

    @Override
    Uni<Void> work(PaymentJobStore.Job job) {
        return payments.findAnyMerchant(job.paymentId())
                .chain(p -> needsProvider(p) ? orchestrator.processQueued(p).replaceWithVoid() : Uni.createFrom().voidItem())
                .chain(() -> jobs.done(job.paymentId()))
                .onFailure().recoverWithUni(t -> {
                    Duration delay = config.retryDelay().multipliedBy(1L << Math.min(job.attempts() - 1, 10));
                    LOG.warnf("payment job %s failed (attempt %d), again in %s: %s", job.paymentId(), job.attempts(),
                            delay, t.toString());
                    return jobs.retryLater(job.paymentId(), delay, t.toString());
                });
    }

    /** Still waiting for its provider call: processing and never answered by the provider. */
    static boolean needsProvider(Payment p) {
        return p != null && p.status() == PaymentStatus.PROCESSING && p.providerReference() == null;
    }
}
