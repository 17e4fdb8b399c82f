package dev.payrail.ratelimit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Rate limits: GCRA buckets in Redis, see {@link RateLimiter}. */
@ConfigMapping(prefix = "payrail.rate-limit")
public interface RateLimitConfig {

    /** Per merchant (authenticated API key), on everything under {@code /api/v1}. */
    MerchantLimit merchant();

    /** Failed authentications per client IP under {@code /api/v1}. Fails closed without Redis. */
    AuthFailureLimit authFailure();

    /** Per client IP on endpoints annotated {@link PublicRateLimited} (hosted checkout). */
    @WithName("public")
    PublicLimit publicEndpoints();

    /** Payment attempts per order, see {@link RateLimiter#checkOrderAttempt(String, String)}. */
    OrderAttemptLimit orderAttempt();

    /**
     * How long one rate-limit check may wait for Redis before the limiter treats Redis as down
     * (merchant and public limits fall back to a per-pod bucket, auth failures are refused).
     */
    @WithDefault("500ms")
    Duration redisTimeout();

    /**
     * After a Redis failure, how long checks skip Redis and answer from the fallback at once,
     * so that a dead Redis does not add {@link #redisTimeout()} to every request.
     */
    @WithDefault("1s")
    Duration redisDownBackoff();

    /** At most one WARN line about the fallback per this interval. */
    @WithDefault("30s")
    Duration fallbackLogInterval();

    /** Most buckets the per-pod fallback keeps; expired ones are swept when it is full. */
    @WithDefault("100000")
    int fallbackMaxBuckets();

    interface MerchantLimit {
        /** Sustained requests per second per merchant (override per merchant in the admin API). */
        @WithDefault("100")
        int perSecond();

        /** Requests a merchant may send at once after being idle (bucket capacity). */
        @WithDefault("200")
        int burst();
    }

    interface AuthFailureLimit {
        /** Failed authentications allowed per client IP per {@link #window()}. */
        @WithDefault("20")
        int limit();

        /** Window of {@link #limit()}. */
        @WithDefault("1m")
        Duration window();

        /** Failures an IP may make at once before it is cut off. */
        @WithDefault("20")
        int burst();
    }

    interface PublicLimit {
        /** Requests per client IP per {@link #window()} on public endpoints. */
        @WithDefault("60")
        int limit();

        /** Window of {@link #limit()}. */
        @WithDefault("1m")
        Duration window();

        /** Requests an IP may send at once. */
        @WithDefault("20")
        int burst();
    }

    interface OrderAttemptLimit {
        /** Payment attempts per order per {@link #window()}. */
        @WithDefault("5")
        int limit();

        /** Window of {@link #limit()}. */
        @WithDefault("1h")
        Duration window();

        /** Attempts an order may have at once. */
        @WithDefault("5")
        int burst();
    }
}
