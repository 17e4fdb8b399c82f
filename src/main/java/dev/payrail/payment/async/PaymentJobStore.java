package dev.payrail.payment.async;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code payment_jobs}: payments accepted with {@code Prefer: respond-async}, waiting for a worker. */
@Singleton
public class PaymentJobStore {

    /** A claimed job. */
    public record Job(String paymentId, int attempts) {
    }

    private final Pool pool;

    PaymentJobStore(Pool pool) {
        this.pool = pool;
    }

    /** Claims due jobs for {@code lease}: SKIP LOCKED against other workers, the lease against crashed ones. */
    public Uni<List<Job>> claim(int limit, Duration lease) {
        return pool.preparedQuery("""
                WITH c AS (
                    SELECT payment_id FROM payment_jobs
                     WHERE run_at <= now() AND (locked_until IS NULL OR locked_until <= now())
                     ORDER BY run_at LIMIT $1 FOR UPDATE SKIP LOCKED)
                UPDATE payment_jobs j SET locked_until = now() + make_interval(secs => $2), attempts = j.attempts + 1
                  FROM c WHERE j.payment_id = c.payment_id
                RETURNING j.payment_id, j.attempts""")
                .execute(Tuple.of(limit, lease.toMillis() / 1000.0))
                .map(rows -> rows.stream().map(r -> new Job(r.getString("payment_id"), r.getInteger("attempts"))).toList());
    }

    public Uni<Void> done(String paymentId) {
        return pool.preparedQuery("DELETE FROM payment_jobs WHERE payment_id = $1").execute(Tuple.of(paymentId))
                .replaceWithVoid();
    }

    public Uni<Void> retryLater(String paymentId, Duration delay, String error) {
        return pool.preparedQuery("""
                UPDATE payment_jobs SET run_at = now() + make_interval(secs => $2), locked_until = NULL, last_error = $3
                 WHERE payment_id = $1""")
                .execute(Tuple.of(paymentId, delay.toMillis() / 1000.0,
                        error == null || error.length() <= 255 ? error : error.substring(0, 255)))
                .replaceWithVoid();
    }
}
