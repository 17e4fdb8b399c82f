package dev.payrail.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.common.ScriptRider;
import dev.payrail.ratelimit.DeferredLimit;
import dev.payrail.ratelimit.RateLimitResponses;
import dev.payrail.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Claims, completes and releases idempotency keys: in Redis, or in PostgreSQL when Redis does not
 * answer. The check is never skipped.
 */
@Singleton
public class Idempotency {

    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    private static final long FALLBACK_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final java.util.concurrent.atomic.AtomicLong lastFallbackLog = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() - FALLBACK_LOG_INTERVAL_NANOS - 1);

    private final RedisIdempotencyStore redis;
    private final PgIdempotencyStore database;
    private final RateLimiter limiter;
    private final IdempotencyConfig config;
    private final ThreadLocal<Mac> mac;
    private final Counter replays;
    private final Counter inProgress;
    private final Counter reused;
    private final Counter fallbacks;
    private final Timer redisTime;

    Idempotency(RedisIdempotencyStore redis, PgIdempotencyStore database, RateLimiter limiter, IdempotencyConfig config,
            MeterRegistry metrics) {
        this.redis = redis;
        this.database = database;
        this.limiter = limiter;
        this.config = config;
        SecretKeySpec key = new SecretKeySpec(config.fingerprintKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        this.replays = metrics.counter("payrail.idempotency.replays");
        this.inProgress = metrics.counter("payrail.idempotency.conflicts", "kind", "in_progress");
        this.reused = metrics.counter("payrail.idempotency.conflicts", "kind", "key_reused");
        this.fallbacks = metrics.counter("payrail.idempotency.redis.fallbacks");
        this.redisTime = Timer.builder("payrail.redis.idempotency").publishPercentileHistogram().register(metrics);
    }

    /** A keyed HMAC of method, path and canonical body: equal requests, equal fingerprints. */
    public String fingerprint(String method, String path, String canonicalBody) {
        Mac m = mac.get();
        m.update(method.getBytes(StandardCharsets.UTF_8));
        m.update((byte) 0);
        m.update(path.getBytes(StandardCharsets.UTF_8));
        m.update((byte) 0);
        byte[] digest = m.doFinal(canonicalBody.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    public Uni<Claim> claim(String scope, String key, String fingerprint) {
        long start = System.nanoTime();
        return redis.claim(scope, key, fingerprint, config.lockTimeout())
                .invoke(() -> redisTime.record(Duration.ofNanos(System.nanoTime() - start)))
                .onFailure().recoverWithUni(e -> claimInDatabase(scope, key, fingerprint, e));
    }

    private Uni<Claim> claimInDatabase(String scope, String key, String fingerprint, Throwable redisFailure) {
        fallbacks.increment();
        long now = System.nanoTime();
        long last = lastFallbackLog.get();
        if (now - last > FALLBACK_LOG_INTERVAL_NANOS && lastFallbackLog.compareAndSet(last, now)) {
            LOG.warnf("Redis unavailable for idempotency (%s); using PostgreSQL", redisFailure.toString());
        }
        return database.claim(scope, key, fingerprint, config.lockTimeout(), config.ttl());
    }

    /**
     * The merchant's deferred rate limit checked and the key claimed in one Redis round trip; when
     * Redis does not answer, the limiter's own check (with its per-pod fallback) and then the claim
     * in PostgreSQL. A {@code null} claim: the limit refused the request, and nothing was claimed.
     */
    private Uni<Claim> claimWithinLimit(String scope, String key, String fingerprint, DeferredLimit limit,
            ScriptRider rider) {
        long start = System.nanoTime();
        return redis.claimWithinLimit(scope, key, fingerprint, config.lockTimeout(), limit, rider)
                .invoke(() -> redisTime.record(Duration.ofNanos(System.nanoTime() - start)))
                .map(limited -> {
                    limit.settle(limited.decision());
                    return limited.claim();
                })
                .onFailure().recoverWithUni(e -> limiter.check(limit.limit(), limit.id()).chain(decision -> {
                    limit.settle(decision);
                    return decision.allowed() ? claimInDatabase(scope, key, fingerprint, e)
                            : Uni.createFrom().nullItem();
                }));
    }

    /**
     * Stores the finished response for retries. In PostgreSQL (a claim made there) the caller waits for it. In
     * Redis it is posted ({@link RedisIdempotencyStore#complete}) and the caller goes on at once: the next
     * script of this pod carries it, and every claim is such a script, so a retry arriving here finds the
     * answer; a retry reaching another pod in the few milliseconds before the write lands finds the key
     * still claimed ({@code 409}, retry later), as it would while the first request ran. A lost write leaves
     * the claim to expire, and PostgreSQL still holds the object for payments, orders and refunds.
     */
    public Uni<Void> complete(Claim claim, String scope, String key, String fingerprint, StoredResponse response) {
        if (claim.viaDatabase()) {
            return database.complete(scope, key, response).onFailure().recoverWithUni(e -> {
                LOG.warnf("could not store the idempotent response in PostgreSQL (%s)", e.toString());
                return Uni.createFrom().voidItem();
            });
        }
        // Not timed as payrail.redis.idempotency: the write waits for a carrier first, by design.
        redis.complete(scope, key, fingerprint, response, config.ttl()).subscribe().with(stored -> {
        }, e -> LOG.warnf("could not store the idempotent response (%s)", e.toString()));
        return Uni.createFrom().voidItem();
    }

    public Uni<Void> release(Claim claim, String scope, String key) {
        Uni<Void> release = claim.viaDatabase() ? database.release(scope, key) : redis.release(scope, key);
        return release.onFailure().recoverWithItem(e -> null);
    }

    /**
     * What an idempotent execution answered: the response, fresh or {@code replayed}, or the
     * {@code conflict} with the key (another request's key: 422; still running: 409).
     */
    public record Execution(StoredResponse response, boolean replayed, dev.payrail.common.ApiException conflict) {
    }

    /**
     * The protocol of {@code Idempotency-Key} for one request of {@code scope} (a merchant id):
     * claims the key, runs {@code work} when the key is new and stores its answer (or releases the
     * key when the answer is not {@link StoredResponse#storable()}), replays a finished request's
     * answer, and reports a reused or busy key. The REST interceptor and the GraphQL mutations both
     * go through here.
     */
    public Uni<Execution> execute(String scope, String key, String fingerprint,
            java.util.function.Supplier<Uni<StoredResponse>> work) {
        return execute(scope, key, fingerprint, null, null, work);
    }

    /**
     * {@link #execute(String, String, String, java.util.function.Supplier)} that also checks the
     * merchant's rate limit the request filter left to the claim ({@code null}: none), in the same Redis
     * round trip: a refusal is the {@code 429} conflict, and claims nothing. With the limit rides
     * {@code rider} ({@code null}: none), Redis work of {@code work} that the claim runs when it claims the key
     * for this request; without a limit to carry, or when Redis does not answer, the rider is not run and
     * {@code work} does that work itself.
     */
    public Uni<Execution> execute(String scope, String key, String fingerprint, DeferredLimit limit,
            ScriptRider rider, java.util.function.Supplier<Uni<StoredResponse>> work) {
        Uni<Claim> claimed = limit == null ? claim(scope, key, fingerprint)
                : claimWithinLimit(scope, key, fingerprint, limit, rider);
        return claimed.chain(claim -> claim == null
                ? Uni.createFrom().item(new Execution(null, false, RateLimitResponses.rejected(limit.decision())))
                : run(claim, scope, key, fingerprint, work));
    }

    private Uni<Execution> run(Claim claim, String scope, String key, String fingerprint,
            java.util.function.Supplier<Uni<StoredResponse>> work) {
        return switch (claim.state()) {
            case CLAIMED -> Uni.createFrom().deferred(work::get).chain(response -> {
                Uni<Void> done = response.storable() ? complete(claim, scope, key, fingerprint, response)
                        : release(claim, scope, key);
                return done.replaceWith(new Execution(response, false, null));
            });
            case IN_PROGRESS -> {
                if (!fingerprint.equals(claim.fingerprint())) {
                    countReused();
                    yield Uni.createFrom().item(new Execution(null, false, IdempotencyContext.reused()));
                }
                countInProgress();
                yield Uni.createFrom().item(new Execution(null, false, new dev.payrail.common.ApiException(409,
                        "IDEMPOTENCY_REQUEST_IN_PROGRESS",
                        "A request with this Idempotency-Key is still being processed; retry later.", null)
                        .header("Retry-After", "1")));
            }
            case COMPLETED -> {
                if (!fingerprint.equals(claim.fingerprint())) {
                    countReused();
                    yield Uni.createFrom().item(new Execution(null, false, IdempotencyContext.reused()));
                }
                countReplay();
                yield Uni.createFrom().item(new Execution(claim.response(), true, null));
            }
        };
    }

    void countReplay() {
        replays.increment();
    }

    void countInProgress() {
        inProgress.increment();
    }

    void countReused() {
        reused.increment();
    }

    public IdempotencyConfig config() {
        return config;
    }
}
