package dev.payrail.refund;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentStore;
import dev.payrail.payment.async.AsyncConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Settles refunds the provider accepted without a final answer, or whose answer was lost: claims
 * the pending refunds that are due (any pod, {@code SKIP LOCKED}; each claim pushes the next check
 * back, doubling), asks the provider what became of each one ({@link PaymentConnector#refundStatus},
 * with the merchant's credentials), records the query as a {@code refund_status} attempt and
 * settles processed or failed refunds. It never repeats the refund: within the provider's
 * idempotency window that only replays the first answer, after it it could refund twice.
 *
 * <p>A provider that has no record of the refund fails it (releasing its reservation) only once
 * the refund is older than {@code payrail.refunds.absent-after}: younger, the refund request may
 * still be on its way. A status query that fails changes nothing. A provider webhook may settle
 * the refund first; settling is conditional on {@code pending}.
 */
@Singleton
public class RefundSettler {

    private static final Logger LOG = Logger.getLogger(RefundSettler.class);

    private final RefundStore refunds;
    private final PaymentStore payments;
    private final ConnectorRegistry connectors;
    private final ConnectorCalls calls;
    private final AsyncConfig async;
    private final RefundConfig config;
    private volatile boolean paused;

    RefundSettler(RefundStore refunds, PaymentStore payments, ConnectorRegistry connectors, ConnectorCalls calls,
            AsyncConfig async, RefundConfig config) {
        this.refunds = refunds;
        this.payments = payments;
        this.connectors = connectors;
        this.calls = calls;
        this.async = async;
        this.config = config;
    }

    /** Stops claiming refunds (for operations and tests). */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    @Scheduled(every = "${payrail.async.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!async.enabled() || paused) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> refunds.claimDue(async.batchSize(), async.refundCheckAfter(),
                        async.refundCheckInterval()))
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndMerge(this::check)
                .collect().last().replaceWithVoid()
                .onFailure().invoke(t -> LOG.logf(dev.payrail.common.ShuttingDown.level(t, paused),
                        "refund settlement failed: %s", t.toString()))
                .onFailure().recoverWithNull();
    }

    /** One claimed refund: ask, record, settle if final. */
    Uni<Void> check(Refund r) {
        return payments.find(r.merchantId(), r.paymentId()).chain(p -> {
            PaymentConnector connector = p == null || p.provider() == null ? null : connectors.get(p.provider());
            if (connector == null) {
                LOG.warnf("refund %s: no connector for its payment's provider; checked again later", r.id());
                return Uni.createFrom().voidItem();
            }
            RefundAttempt attempt = RefundAttempt.statusQuery(r, connector.name(), now());
            var request = new ConnectorRequests.RefundStatus(r.id(), p.id(), p.providerReference(), r.providerReference(),
                    r.amount(), r.currency(), p.merchantId());
            return calls.call(connector, RefundAttempt.REFUND_STATUS, r.id(), () -> connector.refundStatus(request))
                    .chain(answer -> apply(r, attempt.finish(answer), answer.result()));
        }).onFailure().recoverWithUni(t -> {
            LOG.warnf("checking refund %s failed: %s", r.id(), t.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> apply(Refund r, RefundAttempt attempt, ConnectorResult result) {
        Instant now = now();
        if (result.is(Outcome.SUCCEEDED)) {
            return refunds.settle(r, RefundStore.Settlement.PROCESSED, result.providerReference(), null, null, attempt, now)
                    .replaceWithVoid();
        }
        if (result.is(Outcome.DECLINED) || noRecordPastGrace(r, result, now)) {
            return refunds.settle(r, RefundStore.Settlement.FAILED, result.providerReference(), result.errorCode(),
                    result.message(), attempt, now).replaceWithVoid();
        }
        // pending, unknown, a failed query, or no record yet: asked again at the next check time
        return refunds.keepPending(r, result.providerReference(), attempt, null, now).replaceWithVoid();
    }

    private boolean noRecordPastGrace(Refund r, ConnectorResult result, Instant now) {
        return ConnectorResult.NO_RECORD.equals(result.errorCode())
                && r.createdAt().plus(config.absentAfter()).isBefore(now);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
