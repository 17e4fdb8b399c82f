package dev.payrail.idempotency;

import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Removes expired keys of the PostgreSQL fallback store, a bounded batch at a time. */
@Singleton
public class IdempotencyKeyJanitor {

    private final Pool pool;

    IdempotencyKeyJanitor(Pool pool) {
        this.pool = pool;
    }

    @Scheduled(every = "${payrail.idempotency.cleanup-interval:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeExpired() {
        return pool.query("""
                DELETE FROM idempotency_keys WHERE ctid IN (
                    SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT 5000)""")
                .execute().replaceWithVoid();
    }
}
