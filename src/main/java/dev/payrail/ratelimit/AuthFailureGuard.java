package dev.payrail.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * Limits failed authentications per client IP, for {@code ApiAuthFilter}. Every failure is
 * counted in Redis; an IP over its budget gets {@code 429}, and this pod then refuses that IP
 * before checking credentials until the budget refills, so a right guess is refused too. The
 * check before authentication is local (no Redis round trip on the hot path); other pods cut the
 * IP off at its next failure there. Fails closed: when Redis cannot be asked, a request with wrong
 * credentials gets {@code 429} (not {@code 401}), while valid credentials still pass.
 */
@Singleton
public class AuthFailureGuard {

    private static final int MAX_BLOCKED = 100_000;

    private record Blocked(Decision decision, long untilNanos) {
    }

    private final RateLimiter limiter;
    private final ConcurrentHashMap<String, Blocked> blocked = new ConcurrentHashMap<>();

    AuthFailureGuard(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** A {@code 429} when {@code ip} ran out of failures (as this pod last learnt), else a {@code null} item. */
    public Uni<Response> beforeAuthentication(String ip) {
        Blocked b = blocked.get(ip);
        if (b == null) {
            return Uni.createFrom().nullItem();
        }
        if (b.untilNanos - System.nanoTime() <= 0) {
            blocked.remove(ip, b);
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(RateLimitResponses.rejectedResponse(b.decision));
    }

    /**
     * Records a failed authentication of {@code ip}: {@code unauthorized} with the rate-limit
     * headers while the IP is within budget, else (or without Redis) {@code 429}.
     */
    public Uni<Response> onFailure(String ip, Response unauthorized) {
        return limiter.check(limiter.authFailureLimit(), ip).map(decision -> {
            if (decision.allowed()) {
                return RateLimitResponses.withHeaders(unauthorized, decision);
            }
            if (decision.source() != Decision.Source.UNAVAILABLE) {
                if (blocked.size() >= MAX_BLOCKED) {
                    blocked.clear();
                }
                long wait = Math.max(1, decision.retryAfterSeconds());
                blocked.put(ip, new Blocked(decision, System.nanoTime() + wait * 1_000_000_000L));
            }
            return RateLimitResponses.rejectedResponse(decision);
        });
    }

    /** Forgets what this pod learnt about blocked IPs (their Redis buckets stay). For operations and tests. */
    public void forgetLocalBlocks() {
        blocked.clear();
    }
}
