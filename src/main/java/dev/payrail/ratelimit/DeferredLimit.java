package dev.payrail.ratelimit;

import io.vertx.ext.web.RoutingContext;

/**
 * The merchant limit of a request whose check rides on a later Redis call of the same request — the
 * idempotency claim of a keyed API request, so that the two cost one round trip. A request filter of the
 * later step {@link #offer offers} to take it; {@link RateLimitFilters} then leaves the limit here
 * instead of asking Redis; the later step {@link #settle settles} it with its decision; and a request
 * that never reached that step (refused on its body first) is counted when its response leaves, so
 * every request under {@code /api/v1} still costs the merchant one.
 */
public final class DeferredLimit {

    private static final String OFFERED = "payrail.ratelimit.deferral-offered";
    private static final String DEFERRED = "payrail.ratelimit.deferred";

    private final Limit limit;
    private final String id;
    private volatile Decision decision;

    DeferredLimit(Limit limit, String id) {
        this.limit = limit;
        this.id = id;
    }

    /** A later step of this request will check the merchant limit in its own Redis call. */
    public static void offer(RoutingContext request) {
        request.put(OFFERED, Boolean.TRUE);
    }

    static boolean offered(RoutingContext request) {
        return Boolean.TRUE.equals(request.get(OFFERED));
    }

    static DeferredLimit defer(RoutingContext request, Limit limit, String id) {
        DeferredLimit deferred = new DeferredLimit(limit, id);
        request.put(DEFERRED, deferred);
        return deferred;
    }

    /** The limit left to this request's later step, or {@code null} when it was checked already. */
    public static DeferredLimit of(RoutingContext request) {
        return request == null ? null : request.get(DEFERRED);
    }

    public Limit limit() {
        return limit;
    }

    /** The id whose bucket the limit counts (the merchant's id). */
    public String id() {
        return id;
    }

    /** The decision of the check made on the limit's behalf; its headers go on the response. */
    public void settle(Decision decision) {
        this.decision = decision;
    }

    /** The decision, or {@code null} while the limit is still unchecked. */
    public Decision decision() {
        return decision;
    }
}
