package dev.payrail.payment.async;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentStore;
import dev.payrail.refund.Refund;
import dev.payrail.refund.RefundStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Settles refunds the provider accepted without a final answer ({@code refund.created} →
 * {@code refund.processed} / {@code refund.failed}): asks again with the refund's own idempotency
 * key, which a provider answers with the refund's current state instead of refunding twice. A
 * provider webhook may settle the refund first; settling is conditional on {@code pending}.
 */
@ApplicationScoped
public class RefundSettler extends ClaimingWorker<Refund> {

    private static final Logger LOG = Logger.getLogger(RefundSettler.class);

    private final Pool pool;
    private final RefundStore refunds;
    private final PaymentStore payments;
    private final ConnectorRegistry connectors;
    private final AsyncConfig config;

    RefundSettler(Pool pool, RefundStore refunds, PaymentStore payments, ConnectorRegistry connectors,
            AsyncConfig config) {
        this.pool = pool;
        this.refunds = refunds;
        this.payments = payments;
        this.connectors = connectors;
        this.config = config;
    }

    @Scheduled(every = "${payrail.async.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return drain(config, LOG, "refund settlement");
    }

    /** Pending refunds due for a check, each pushed to its next check time (the lease). */
    @Override
    Uni<List<Refund>> claim() {
        return pool.preparedQuery("""
                WITH c AS (
                    SELECT id FROM refunds
                     WHERE status = 'pending'
                       AND coalesce(next_check_at, created_at + make_interval(secs => $2)) <= now()
                     ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
                UPDATE refunds r
                   SET next_check_at = now() + make_interval(secs => $3 * power(2, least(r.check_attempts, 8))),
                       check_attempts = r.check_attempts + 1
                  FROM c WHERE r.id = c.id
                RETURNING r.id, r.merchant_id, r.payment_id, r.amount, r.currency, r.status, r.reason,
                          r.provider_reference, r.error_code, r.error_description, r.created_at, r.updated_at""")
                .execute(Tuple.of(config.batchSize(), config.refundCheckAfter().toMillis() / 1000.0,
                        config.refundCheckInterval().toMillis() / 1000.0))
                .map(rows -> rows.stream().map(Refund::from).toList());
    }

    @Override
    Uni<Void> work(Refund r) {
        return payments.find(r.merchantId(), r.paymentId()).chain(p -> {
            PaymentConnector connector = p == null ? null : connectors.get(p.provider());
            if (connector == null) {
                return Uni.createFrom().voidItem();
            }
            return connector.refund(request(p, r))
                    .onFailure().recoverWithItem(t -> ConnectorResult.unknown(null, t.toString()))
                    .chain(result -> settle(r, result));
        }).onFailure().recoverWithUni(t -> {
            LOG.warnf("checking refund %s failed: %s", r.id(), t.toString());
            return Uni.createFrom().voidItem();
        });
    }

    static ConnectorRequests.Refund request(Payment p, Refund r) {
        return new ConnectorRequests.Refund(r.id(), p.id(), p.providerReference(), r.id(), r.amount(), r.currency(),
                r.reason());
    }

    private Uni<Void> settle(Refund r, ConnectorResult result) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String reference = result.providerReference() != null ? result.providerReference() : r.providerReference();
        if (result.is(Outcome.SUCCEEDED)) {
            return refunds.settle(r, "processed", reference, null, null, now).replaceWithVoid();
        }
        if (result.is(Outcome.DECLINED)) {
            return refunds.settle(r, "failed", reference, result.errorCode(), result.message(), now).replaceWithVoid();
        }
        return Uni.createFrom().voidItem(); // still pending: checked again later
    }
}
