package dev.payrail.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * Limits failed authentications per client IP, for {@code ApiAuthFilter}. An IP over its budget
 * gets {@code 429} before its credentials are even checked, so a right guess from that IP is
 * refused too. Fails closed: when Redis cannot be asked, a request with wrong credentials gets
 * {@code 429} (not {@code 401}), while valid credentials still pass.
 */
@ApplicationScoped
public class AuthFailureGuard {

    private final RateLimiter limiter;

    AuthFailureGuard(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** A {@code 429} when {@code ip} has no failures left, else a {@code null} item. */
    public Uni<Response> beforeAuthentication(String ip) {
        return limiter.peek(limiter.authFailureLimit(), ip).map(decision -> {
            if (decision.allowed() || decision.source() == Decision.Source.UNAVAILABLE) {
                return null;
            }
            return RateLimitResponses.rejectedResponse(decision);
        });
    }

    /**
     * Records a failed authentication of {@code ip}: {@code unauthorized} with the rate-limit
     * headers while the IP is within budget, else (or without Redis) {@code 429}.
     */
    public Uni<Response> onFailure(String ip, Response unauthorized) {
        return limiter.check(limiter.authFailureLimit(), ip).map(decision -> decision.allowed()
                ? RateLimitResponses.withHeaders(unauthorized, decision)
                : RateLimitResponses.rejectedResponse(decision));
    }
}
