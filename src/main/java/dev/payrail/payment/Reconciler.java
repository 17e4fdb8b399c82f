package dev.payrail.payment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.payrail.audit.Actor;
import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Settles payments whose outcome is {@code unknown}, and payments left {@code processing} without
 * any stored answer by a process that died during the provider call. Each run claims due payments with
 * {@code FOR UPDATE SKIP LOCKED}, pushing their {@code reconcile_after} along the backoff schedule
 * in the same statement (so any number of pods share the work and a crash only delays it), asks
 * the provider by our reference — the provider's id when we have it, else the attempt's
 * idempotency key — and moves the payment through the same state machine as a live answer. After
 * the last step of the schedule it gives up: the payment stays unknown, logged and counted.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final Duration LIMIT = Duration.ofHours(5);

    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM payments
                 WHERE status IN ('unknown', 'processing') AND reconcile_after <= $1
                 ORDER BY reconcile_after LIMIT $2
                   FOR UPDATE SKIP LOCKED)
            UPDATE payments p
               SET reconcile_attempts = p.reconcile_attempts + 1,
                   reconcile_after = $1 + ($3::bigint[])[p.reconcile_attempts + 1] * interval '1 millisecond'
              FROM due
             WHERE p.id = due.id
            RETURNING p.*, p.reconcile_after IS NULL AS last_try,
                   (SELECT a.provider_idempotency_key FROM payment_attempts a
                     WHERE a.payment_id = p.id AND a.operation = 'authorize' AND a.provider = p.provider
                     ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS attempt_key""";

    private final Pool pool;
    private final PaymentStore payments;
    private final ConnectorRegistry connectors;
    private final ConnectorCalls calls;
    private final ReconcilerConfig config;
    private final MeterRegistry metrics;
    private final Long[] scheduleMillis;

    Reconciler(Pool pool, PaymentStore payments, ConnectorRegistry connectors, ConnectorCalls calls,
            ReconcilerConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.payments = payments;
        this.connectors = connectors;
        this.calls = calls;
        this.config = config;
        this.metrics = metrics;
        Duration total = config.firstDelay();
        for (Duration d : config.schedule()) {
            total = total.plus(d);
        }
        if (total.compareTo(LIMIT) > 0) {
            throw new IllegalStateException("payrail.reconciler schedule lasts " + total + "; it must end within " + LIMIT
                    + " (providers forget idempotency keys after 6 h)");
        }
        this.scheduleMillis = config.schedule().stream().map(Duration::toMillis).toArray(Long[]::new);
    }

    private record Due(Payment payment, String attemptKey, boolean lastTry) {
    }

    @Scheduled(every = "${payrail.reconciler.every:10s}", delayed = "${payrail.reconciler.every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return reconcileDue().replaceWithVoid()
                .onFailure().recoverWithItem(t -> {
                    LOG.warnf("reconciler run failed: %s", t.toString());
                    return null;
                });
    }

    /** One run: claims due payments and settles those the providers know about. Returns how many settled. */
    public Uni<Integer> reconcileDue() {
        Instant now = PaymentStore.now();
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), config.batchSize(), scheduleMillis))
                .map(rows -> {
                    List<Due> due = new java.util.ArrayList<>();
                    for (Row r : rows) {
                        due.add(new Due(Payment.from(r), r.getString("attempt_key"), r.getBoolean("last_try")));
                    }
                    return due;
                })
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(0)
                        : Multi.createFrom().iterable(due).onItem().transformToUniAndMerge(this::reconcile)
                                .collect().asList().map(list -> (int) list.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> reconcile(Due due) {
        Payment p = due.payment();
        PaymentConnector connector = connectors.get(p.provider());
        if (connector == null) {
            return giveUpIfLast(due, "provider " + p.provider() + " is not available");
        }
        var request = new ConnectorRequests.Status(p.id(), p.providerReference(), p.amount(), p.currency(),
                due.attemptKey(), p.merchantId());
        return calls.call(connector, "status", p.id(), () -> connector.status(request)).chain(timed -> {
            ConnectorResult r = timed.result();
            boolean absent = r.is(Outcome.NOT_SENT) && ConnectorResult.NO_RECORD.equals(r.errorCode())
                    && p.createdAt().plus(config.absentAfter()).isBefore(PaymentStore.now());
            boolean known = r.is(Outcome.SUCCEEDED) || r.is(Outcome.DECLINED) || r.is(Outcome.REQUIRES_ACTION);
            if (known || absent) {
                Outcomes.Change change = Outcomes.apply(p, r, PaymentStore.now());
                PaymentAttempt check = PaymentAttempt.start(p, p.provider(), "status", PaymentStore.now())
                        .finish(r, timed.latencyMs());
                LOG.infof("reconciled %s at %s: %s", p.id(), p.provider(), change.after().status().dbName());
                metrics.counter("payrail.reconciler.settled", "provider", p.provider(),
                        "status", change.after().status().dbName()).increment();
                return payments.transition(change.after(), change.orderStatus(), Actor.system("reconciler"),
                        "payment.reconcile", check, null).map(saved -> saved != null);
            }
            return giveUpIfLast(due, "the provider still reports " + r.outcome());
        });
    }

    private Uni<Boolean> giveUpIfLast(Due due, String why) {
        if (due.lastTry()) {
            LOG.errorf("reconciler gives up on %s (%s): %s; it stays processing until a provider webhook or an "
                    + "operator settles it", due.payment().id(), due.payment().provider(), why);
            metrics.counter("payrail.reconciler.given_up", "provider", due.payment().provider()).increment();
        }
        return Uni.createFrom().item(false);
    }
}
