package dev.payrail.ratelimit;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import dev.payrail.common.ApiException;
import dev.payrail.common.Problems;

/** The headers of a limited response and the {@code 429} problem document. */
public final class RateLimitResponses {

    public static final String POLICY_HEADER = "RateLimit-Policy";
    public static final String HEADER = "RateLimit";
    public static final String RETRY_AFTER = "Retry-After";

    private RateLimitResponses() {
    }

    /** {@code 429 RATE_LIMITED} with {@code Retry-After} and the rate-limit headers. */
    public static ApiException rejected(Decision decision) {
        String detail = Decision.Source.UNAVAILABLE == decision.source()
                ? "Too many requests: the '" + decision.limit() + "' limit cannot be checked right now. Retry after "
                        + decision.retryAfterSeconds() + " s."
                : "Too many requests for the '" + decision.limit() + "' limit. Retry after "
                        + decision.retryAfterSeconds() + " s.";
        return new ApiException(429, "RATE_LIMITED", detail, null)
                .with("limit", decision.limit())
                .with("retry_after", decision.retryAfterSeconds())
                .header(RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()))
                .header(POLICY_HEADER, decision.policyHeader())
                .header(HEADER, decision.rateLimitHeader());
    }

    public static Response rejectedResponse(Decision decision) {
        return Problems.response(rejected(decision));
    }

    /** Adds the two rate-limit headers to a response that does not carry them yet. */
    public static void addHeaders(MultivaluedMap<String, Object> headers, Decision decision) {
        if (!headers.containsKey(HEADER)) {
            headers.putSingle(POLICY_HEADER, decision.policyHeader());
            headers.putSingle(HEADER, decision.rateLimitHeader());
        }
    }

    /** A copy of {@code response} with the rate-limit headers of {@code decision}. */
    public static Response withHeaders(Response response, Decision decision) {
        return Response.fromResponse(response)
                .header(POLICY_HEADER, decision.policyHeader())
                .header(HEADER, decision.rateLimitHeader())
                .build();
    }
}
