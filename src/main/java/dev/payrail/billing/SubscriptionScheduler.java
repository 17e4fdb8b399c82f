package dev.payrail.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.common.ShuttingDown;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The billing scheduler; runs on every pod. A run renews the subscriptions whose period ended
 * ({@link SubscriptionRenewal}, one transaction each, claimed with {@code SKIP LOCKED}) and then
 * charges the invoices due ({@link InvoiceCharger}, each claimed with a lease in one statement), batch
 * after batch until nothing is due. The time is the run's argument: the schedule passes the clock's,
 * tests pass any ({@link #run}).
 */
@Singleton
public class SubscriptionScheduler {

    private static final Logger LOG = Logger.getLogger(SubscriptionScheduler.class);
    /** A run stops after this many batches, so that one thing that keeps failing cannot hold it. */
    private static final int MAX_BATCHES = 100;

    private final SubscriptionRenewal renewal;
    private final InvoiceStore invoices;
    private final InvoiceCharger charger;
    private final BillingConfig config;
    private final Clock clock;
    private volatile boolean shuttingDown;

    SubscriptionScheduler(SubscriptionRenewal renewal, InvoiceStore invoices, InvoiceCharger charger, BillingConfig config,
            Clock clock) {
        this.renewal = renewal;
        this.invoices = invoices;
        this.charger = charger;
        this.config = config;
        this.clock = clock;
    }

    /** What a run did. */
    public record Run(int renewed, int charged, int paid, int failed) {
    }

    @Scheduled(every = "${payrail.billing.scheduler.every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!config.scheduler().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return run(clock.instant().truncatedTo(ChronoUnit.MICROS)).replaceWithVoid()
                .onFailure().invoke(t -> LOG.logf(ShuttingDown.level(t, shuttingDown), "billing run failed: %s", t.toString()))
                .onFailure().recoverWithNull();
    }

    /** One run at {@code now}: every due renewal, then every due charge. */
    public Uni<Run> run(Instant now) {
        return run(now, null);
    }

    /**
     * One run at {@code now} for one merchant's subscriptions and invoices ({@code null}: every
     * merchant's): to bill a merchant now, and for tests, which thereby leave other tests' data alone.
     */
    public Uni<Run> run(Instant now, String merchantId) {
        return renewAll(now, merchantId, 0).chain(renewed -> chargeAll(now, merchantId, 0, new Run(renewed, 0, 0, 0)));
    }

    private Uni<Integer> renewAll(Instant now, String merchantId, int done) {
        if (done >= MAX_BATCHES * config.scheduler().batchSize()) {
            return Uni.createFrom().item(done);
        }
        return renewal.renewOne(now, merchantId)
                .chain(renewed -> renewed ? renewAll(now, merchantId, done + 1) : Uni.createFrom().item(done));
    }

    private Uni<Run> chargeAll(Instant now, String merchantId, int batches, Run sofar) {
        if (batches >= MAX_BATCHES) {
            return Uni.createFrom().item(sofar);
        }
        return invoices.claimDue(now, config.scheduler().lease(), config.scheduler().batchSize(), merchantId).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(sofar);
            }
            return Multi.createFrom().iterable(claimed).onItem().transformToUniAndMerge(i -> charger.charge(i, now))
                    .collect().asList().chain(results -> {
                        int paid = (int) results.stream().filter(r -> r == InvoiceCharger.Result.PAID).count();
                        int failed = (int) results.stream().filter(r -> r == InvoiceCharger.Result.FAILED).count();
                        return chargeAll(now, merchantId, batches + 1, new Run(sofar.renewed(), sofar.charged() + claimed.size(),
                                sofar.paid() + paid, sofar.failed() + failed));
                    });
        });
    }

    void stopping(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent e) {
        shuttingDown = true;
    }
}
