package dev.payrail.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.payrail.common.CarriedWrites;
import dev.payrail.common.LoopRedis;
import dev.payrail.common.RedisScript;
import dev.payrail.common.VertxContexts;
import dev.payrail.merchant.AuthenticatedMerchant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * GCRA rate limiting in Redis: one {@code EVALSHA} of {@link #SCRIPT} per check, which reads the
 * bucket, decides with Redis' own clock ({@code TIME}) and writes the bucket atomically. Each
 * bucket is one key, {@code <prefix>rl:{<limit>:<id>}}; the braces are a Redis Cluster hash tag.
 * <p>
 * When Redis does not answer within {@link RateLimitConfig#redisTimeout()}, limits that fail open
 * answer from a per-pod {@link LocalGcra}, and fail-closed limits deny. Nothing here blocks.
 */
@Singleton
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    public static final String MERCHANT = "merchant";
    public static final String AUTH_FAILURE = "auth_failure";
    public static final String PUBLIC = "public";
    public static final String ORDER_ATTEMPT = "order_attempt";

    /**
     * The GCRA step as a Lua function, for {@link #SCRIPT} and for scripts that check a limit in the
     * same round trip as their own work. {@code gcra(bucket, interval, tolerance, consume)}: the bucket
     * holds the theoretical arrival time (TAT) in microseconds since the epoch; interval and tolerance
     * in µs; {@code '1'} to consume, {@code '0'} to only look. Returns {allowed, remaining, reset-after
     * ms, retry-after ms}. Redis 5+ replicates the script's effects, so calling TIME before a write is allowed.
     */
    public static final String GCRA = """
            local function gcra(bucket, interval, tolerance, consume)
              local t = redis.call('TIME')
              local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
              interval = tonumber(interval)
              tolerance = tonumber(tolerance)
              local tat = tonumber(redis.call('GET', bucket))
              if not tat or tat < now then
                tat = now
              end
              local new_tat = tat + interval
              local allow_at = new_tat - tolerance
              if now < allow_at then
                return {0, 0, math.ceil((tat - now) / 1000), math.ceil((allow_at - now) / 1000)}
              end
              if consume == '1' then
                redis.call('SET', bucket, string.format('%d', new_tat), 'PX', math.ceil((new_tat - now) / 1000))
              end
              return {1, math.floor((tolerance - (new_tat - now)) / interval), math.ceil((new_tat - now) / 1000), 0}
            end
            """;

    /** KEYS[1]: the bucket; ARGV: interval, tolerance, consume (see {@link #GCRA}). */
    static final RedisScript SCRIPT = RedisScript.carrying(GCRA + "return gcra(KEYS[1], ARGV[1], ARGV[2], ARGV[3])\n");

    private final LoopRedis redis;
    private final CarriedWrites writes;
    private final RateLimitConfig config;
    private final String prefix;
    private final LocalGcra local;
    private final MeterRegistry registry;
    private final Timer redisTimer;
    private final long redisDownBackoffNanos;
    private final long logIntervalNanos;
    private final AtomicLong redisSkipUntil = new AtomicLong(System.nanoTime());
    private final AtomicLong nextWarnAt = new AtomicLong(System.nanoTime());

    RateLimiter(LoopRedis redis, CarriedWrites writes, RateLimitConfig config, MeterRegistry registry,
            @ConfigProperty(name = "payrail.redis.prefix") String prefix) {
        this.redis = redis;
        this.writes = writes;
        this.config = config;
        this.prefix = prefix;
        this.registry = registry;
        this.local = new LocalGcra(System::nanoTime, config.fallbackMaxBuckets());
        this.redisTimer = Timer.builder("payrail.redis.ratelimit")
                .description("Time of the Redis round trip of one rate-limit check")
                .publishPercentileHistogram()
                .register(registry);
        this.redisDownBackoffNanos = config.redisDownBackoff().toNanos();
        this.logIntervalNanos = config.fallbackLogInterval().toNanos();
    }

    /** Loads the script at start so that the first request does not pay for it (best effort). */
    void loadScript(@Observes StartupEvent event) {
        SCRIPT.preload(redis, "Rate-limit");
    }

    /** Consumes one request of {@code key} against {@code limit}. */
    public Uni<Decision> check(Limit limit, String key) {
        return run(limit, key, true);
    }

    /** Convenience form of {@link #check(Limit, String)} for a limit that fails open. */
    public Uni<Decision> check(String limitName, String key, long ratePerWindow, Duration window, long burst) {
        return check(Limit.of(limitName, ratePerWindow, window, burst), key);
    }

    /** Whether one more request of {@code key} would be allowed, without consuming it. */
    public Uni<Decision> peek(Limit limit, String key) {
        return run(limit, key, false);
    }

    /** The API limit of a merchant: its override if it has one, else the configured default. */
    public Limit merchantLimit(AuthenticatedMerchant merchant) {
        Integer perSecond = merchant.rateLimitPerSecond();
        Integer burst = merchant.rateLimitBurst();
        return Limit.of(MERCHANT,
                perSecond != null ? perSecond : config.merchant().perSecond(),
                Duration.ofSeconds(1),
                burst != null ? burst : config.merchant().burst());
    }

    /** Consumes one API request of the merchant. */
    public Uni<Decision> checkMerchant(AuthenticatedMerchant merchant) {
        return check(merchantLimit(merchant), merchant.id());
    }

    /** The arguments of {@link #GCRA} after the bucket: one check of {@code limit}, consuming or only looking. */
    public static String[] gcraArguments(Limit limit, boolean consume) {
        return new String[] { String.valueOf(limit.emissionIntervalMicros()), String.valueOf(limit.toleranceMicros()),
                consume ? "1" : "0" };
    }

    /**
     * The decision in the first four elements of a script's reply that ran {@link #GCRA} for one
     * consuming check of {@code limit}, timed and counted like {@link #check}'s own.
     */
    public Decision decided(Limit limit, Response reply, long startNanos) {
        redisTimer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        return count(parse(limit, reply), true);
    }

    /** Failed authentications per client IP; fails closed. */
    public Limit authFailureLimit() {
        var c = config.authFailure();
        return new Limit(AUTH_FAILURE, c.limit(), c.window(), c.burst(), true);
    }

    /** Requests per client IP on public endpoints. */
    public Limit publicLimit() {
        var c = config.publicEndpoints();
        return Limit.of(PUBLIC, c.limit(), c.window(), c.burst());
    }

    /** Payment attempts per order. */
    public Limit orderAttemptLimit() {
        var c = config.orderAttempt();
        return Limit.of(ORDER_ATTEMPT, c.limit(), c.window(), c.burst());
    }

    /**
     * Consumes one payment attempt of the merchant's order (default 5 per hour). For the payment
     * orchestrator: a rejection should become {@code 429 RATE_LIMITED}
     * ({@link RateLimitResponses#rejected(Decision)}).
     */
    public Uni<Decision> checkOrderAttempt(String merchantId, String orderId) {
        return check(orderAttemptLimit(), merchantId + ":" + orderId);
    }

    /** The Redis key of a bucket; everything of one call is inside one hash tag. */
    public String key(String limitName, String id) {
        return key(prefix, limitName, id);
    }

    static String key(String prefix, String limitName, String id) {
        // A brace inside the id would end the hash tag early; keep the tag whole and unambiguous.
        String safeId = id.replace('{', '(').replace('}', ')');
        return prefix + "rl:{" + limitName + ":" + safeId + "}";
    }

    private Uni<Decision> run(Limit limit, String key, boolean record) {
        if (System.nanoTime() - redisSkipUntil.get() < 0) {
            return Uni.createFrom().item(() -> count(degraded(limit, key, record, null), record));
        }
        String redisKey = key(limit.name(), key);
        String[] args = gcraArguments(limit, record);
        Context context = Vertx.currentContext();
        long start = System.nanoTime();
        return writes.run(SCRIPT, new String[] { redisKey }, args)
                .ifNoItem().after(config.redisTimeout())
                .failWith(() -> new TimeoutException("Redis did not answer within " + config.redisTimeout()))
                .map(reply -> {
                    redisTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    return parse(limit, reply);
                })
                .onFailure().recoverWithUni(failure -> {
                    redisTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    redisSkipUntil.set(System.nanoTime() + redisDownBackoffNanos);
                    return onContext(context, () -> degraded(limit, key, record, failure));
                })
                .map(decision -> count(decision, record));
    }

    private static Decision parse(Limit limit, Response reply) {
        return Decision.of(limit, reply.get(0).toLong() == 1, reply.get(1).toLong(), reply.get(2).toLong(),
                reply.get(3).toLong(), Decision.Source.REDIS);
    }

    /** The answer when Redis cannot be asked: per-pod bucket, or a denial for fail-closed limits. */
    private Decision degraded(Limit limit, String key, boolean record, Throwable failure) {
        warnFallback(failure);
        if (limit.failClosed()) {
            long retryMs = Math.max(1000, limit.emissionIntervalMicros() / 1000);
            return Decision.of(limit, false, 0, retryMs, retryMs, Decision.Source.UNAVAILABLE);
        }
        Counter.builder("payrail.ratelimit.redis.fallback")
                .description("Rate-limit checks answered by the per-pod fallback because Redis was unreachable")
                .tag("limit", limit.name())
                .register(registry).increment();
        return local.check(limit, key, record);
    }

    /** Counts rejections; a look that Redis could not answer is not one (the caller decides). */
    private Decision count(Decision decision, boolean record) {
        if (!decision.allowed() && (record || decision.source() != Decision.Source.UNAVAILABLE)) {
            Counter.builder("payrail.ratelimit.rejected")
                    .description("Requests rejected by a rate limit")
                    .tag("limit", decision.limit())
                    .register(registry).increment();
        }
        return decision;
    }

    private void warnFallback(Throwable failure) {
        long now = System.nanoTime();
        long next = nextWarnAt.get();
        if (now - next >= 0 && nextWarnAt.compareAndSet(next, now + logIntervalNanos)) {
            LOG.warnf("Redis unreachable for rate limits (%s): merchant and public limits use the per-pod bucket, "
                    + "failed authentications are refused. Next warning in %s at the earliest.",
                    failure == null ? "backing off" : failure.toString(), config.fallbackLogInterval());
        }
    }

    /** Completes on the caller's Vert.x context, so that a timeout does not leave it on a timer thread. */
    private static <T> Uni<T> onContext(Context context, java.util.function.Supplier<T> supplier) {
        return Uni.createFrom().emitter(emitter -> VertxContexts.resume(context, () -> {
            try {
                emitter.complete(supplier.get());
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }));
    }
}
