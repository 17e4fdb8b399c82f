package dev.payrail.payment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.PaymentConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Settles payments whose provider answer is missing: {@code unknown} or {@code processing}
 * authorizations (an unknown answer, a pending one, or a process that died during the call),
 * {@code requires_action} payments whose payer acts away from Payrail (a QR code, a provider's page:
 * their notification may be lost, and their payer may never finish), and
 * {@code capture_pending} / {@code cancel_pending} captures and voids. Each run claims due payments with
 * {@code FOR UPDATE SKIP LOCKED}, pushing their {@code reconcile_after} along the backoff schedule
 * in the same statement (so any number of pods share the work and a crash only delays it), asks
 * the provider's status by our reference — the provider's id when we have it, else the authorization
 * attempt's idempotency key — and hands the answer to the settlement of the payment's state
 * ({@link AuthorizationSettlement}, {@link OperationSettlement}). A capture or void is never
 * repeated: only a status query is sent. Every query is recorded as a {@code status} attempt. After
 * the last step of the schedule it gives up: the payment stays where it is, logged and counted.
 */
@Singleton
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final Duration LIMIT = Duration.ofHours(5);

    /** The statuses in which Payrail waits on a provider's answer (with {@code reconcile_after} set). */
    private static final String WAITING = "('unknown', 'processing', 'requires_action', 'capture_pending', 'cancel_pending')";

    /** The authorization attempt's key and the unanswered attempt of a payment {@code p}, as {@link Due} needs them. */
    private static final String DUE_COLUMNS = """
                   (SELECT a.provider_idempotency_key FROM payment_attempts a
                     WHERE a.payment_id = p.id AND a.operation = 'authorize' AND a.provider = p.provider
                     ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS attempt_key,
                   (SELECT a.id FROM payment_attempts a
                     WHERE a.payment_id = p.id AND a.provider = p.provider AND a.outcome = 'in_flight'
                       AND a.operation = CASE p.status WHEN 'capture_pending' THEN 'capture'
                                                       WHEN 'cancel_pending' THEN 'void' ELSE 'authorize' END
                     ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS unanswered_attempt""";

    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM payments
                 WHERE status IN %s AND reconcile_after <= $1
                 ORDER BY reconcile_after LIMIT $2
                   FOR UPDATE SKIP LOCKED)
            UPDATE payments p
               SET reconcile_attempts = p.reconcile_attempts + 1,
                   reconcile_after = $1 + ($3::bigint[])[p.reconcile_attempts + 1] * interval '1 millisecond'
              FROM due
             WHERE p.id = due.id
            RETURNING p.*, p.reconcile_after IS NULL AS last_try,
            """.formatted(WAITING) + DUE_COLUMNS;

    /** One payment Payrail waits on a provider for, read (not claimed) for {@link #settleNow}. */
    private static final String ONE = "SELECT p.*, false AS last_try,\n" + DUE_COLUMNS + """

              FROM payments p
             WHERE p.id = $1 AND p.merchant_id = $2 AND p.reconcile_after IS NOT NULL AND p.status IN %s""".formatted(WAITING);

    private final Pool pool;
    private final PaymentStore payments;
    private final ConnectorRegistry connectors;
    private final AuthorizationSettlement authorizations;
    private final OperationSettlement operations;
    private final ReconcilerConfig config;
    private final MeterRegistry metrics;
    private final Long[] scheduleMillis;

    Reconciler(Pool pool, PaymentStore payments, ConnectorRegistry connectors, AuthorizationSettlement authorizations,
            OperationSettlement operations, ReconcilerConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.payments = payments;
        this.connectors = connectors;
        this.authorizations = authorizations;
        this.operations = operations;
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

    /**
     * A claimed payment, the key of its authorization attempt, the id of the attempt of its pending
     * operation (authorize, capture or void) when that attempt never got an answer stored (a process
     * that died during the call), and whether this is the schedule's last try.
     */
    record Due(Payment payment, String attemptKey, String unansweredAttempt, boolean lastTry) {

        /** A row of {@link #CLAIM} or {@link #ONE}. */
        static Due from(Row r) {
            return new Due(Payment.from(r), r.getString("attempt_key"), r.getString("unanswered_attempt"),
                    r.getBoolean("last_try"));
        }

        /** The status query for this payment. */
        ConnectorRequests.Status statusRequest() {
            Payment p = payment;
            return new ConnectorRequests.Status(p.id(), p.providerReference(), p.amount(), p.currency(), attemptKey,
                    p.merchantId());
        }
    }

    @Scheduled(every = "${payrail.reconciler.every:10s}", delayed = "${payrail.reconciler.every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(this::reconcileDue).replaceWithVoid()
                .onFailure().recoverWithItem(t -> {
                    LOG.logf(dev.payrail.common.ShuttingDown.level(t, false), "reconciler run failed: %s", t.toString());
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
                        due.add(Due.from(r));
                    }
                    return due;
                })
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(0)
                        : Multi.createFrom().iterable(due).onItem().transformToUniAndMerge(this::reconcile)
                                .collect().asList().map(list -> (int) list.stream().filter(Boolean::booleanValue).count()));
    }

    /**
     * Asks the provider about one payment now, as the next run would (the merchant's
     * {@code completePayment} after the payer came back): the answer moves it through the same
     * settlement. A payment Payrail is not waiting on a provider for comes back unchanged, and the
     * backoff schedule is left as it is. Returns the payment as it stands afterwards.
     */
    public Uni<Payment> settleNow(Payment p) {
        PaymentConnector connector = connectors.get(p.provider());
        if (connector == null) {
            return Uni.createFrom().item(p);
        }
        return pool.preparedQuery(ONE).execute(Tuple.of(p.id(), p.merchantId())).chain(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return Uni.createFrom().item(p);
            }
            return settle(Due.from(it.next()), connector).chain(() -> payments.find(p.merchantId(), p.id()));
        });
    }

    /** Asks the provider and settles the payment's pending authorization or operation; whether it settled. */
    private Uni<Boolean> settle(Due due, PaymentConnector connector) {
        return due.payment().status().isOperationPending() ? operations.settle(due, connector)
                : authorizations.settle(due, connector);
    }

    private Uni<Boolean> reconcile(Due due) {
        Payment p = due.payment();
        PaymentConnector connector = connectors.get(p.provider());
        if (connector == null) {
            return giveUpIfLast(due, "provider " + p.provider() + " is not available");
        }
        return settle(due, connector).chain(done -> done ? Uni.createFrom().item(true)
                : giveUpIfLast(due, "the provider has no final answer yet"));
    }

    private Uni<Boolean> giveUpIfLast(Due due, String why) {
        if (due.lastTry()) {
            LOG.errorf("reconciler gives up on %s (%s): %s; it stays %s until a provider webhook or an "
                    + "operator settles it", due.payment().id(), due.payment().provider(), why,
                    due.payment().status().dbName());
            metrics.counter("payrail.reconciler.given_up", "provider", due.payment().provider()).increment();
        }
        return Uni.createFrom().item(false);
    }
}
