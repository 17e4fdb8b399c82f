package dev.payrail.common;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Metrics;
import io.vertx.pgclient.PgException;

/**
 * Failures of the services Payrail stands on (PostgreSQL, Redis) rather than of the request:
 * connection refused or lost, pool exhausted, timeouts, a server shutting down. They are answered
 * {@code 503} problem+json with {@code Retry-After} — the request may simply be sent again, with the
 * same {@code Idempotency-Key} — and logged once per outage, not with a stack trace per request.
 */
public final class InfrastructureFailures {

    private static final Logger LOG = Logger.getLogger(InfrastructureFailures.class);
    /** Failures of one dependency less than this apart belong to the same outage. */
    private static final long OUTAGE_GAP_NANOS = 30_000_000_000L;
    /** What a client should wait before retrying. */
    public static final String RETRY_AFTER_SECONDS = "2";

    /** PostgreSQL SQL states that say the server, not the statement, failed. */
    private static final Set<String> SERVER_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (starting up, shutting down)
            "57014", // query_canceled (statement timeout)
            "53300", // too_many_connections
            "53400"); // configuration_limit_exceeded
    private static final Set<String> UNAVAILABLE_TYPES = Set.of(
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.vertx.core.impl.NoStackTraceTimeoutException",
            "io.smallrye.mutiny.TimeoutException",
            "io.netty.channel.ConnectTimeoutException");

    /** Vert.x's message-only exceptions, infrastructure when their message speaks of the connection. */
    private static final Set<String> BARE_VERTX_TYPES = Set.of(
            "io.vertx.core.VertxException",
            "io.vertx.core.impl.NoStackTraceThrowable",
            "io.vertx.core.impl.NoStackTraceException");

    private static final ConcurrentHashMap<String, AtomicLong> LAST_FAILURE = new ConcurrentHashMap<>();

    private InfrastructureFailures() {
    }

    /**
     * The dependency that failed ({@code postgresql}, {@code redis}), or {@code null}. A bare refused
     * connection names no one; Redis failures are absorbed by their fallbacks (idempotency in
     * PostgreSQL, rate limits per pod), so one that reaches an answer is PostgreSQL's.
     */
    public static String dependency(Throwable failure) {
        Throwable unavailable = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 12; t = t.getCause(), depth++) {
            if (unavailable(t)) {
                unavailable = t;
                break;
            }
        }
        if (unavailable == null) {
            return null;
        }
        depth = 0;
        for (Throwable t = failure; t != null && depth < 12; t = t.getCause(), depth++) {
            String named = named(t);
            if (named != null) {
                return named;
            }
        }
        return "postgresql";
    }

    private static boolean unavailable(Throwable t) {
        if (t instanceof PgException pg) {
            String state = pg.getSqlState();
            return state != null && (state.startsWith("08") || SERVER_STATES.contains(state));
        }
        if (t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedChannelException
                || t instanceof TimeoutException || UNAVAILABLE_TYPES.contains(t.getClass().getName())) {
            return true;
        }
        // Vert.x reports a connection closed under a query as a bare VertxException, and a pooled
        // connection PostgreSQL dropped as "Connection is not active now, current status: CLOSED"
        // (a NoStackTraceThrowable, possibly wrapped by the layer that met it).
        String message = t.getMessage();
        return BARE_VERTX_TYPES.contains(t.getClass().getName()) && message != null
                && (message.contains("closed") || message.contains("CLOSED") || message.contains("Connection"));
    }

    private static String named(Throwable t) {
        if (t instanceof PgException) {
            return "postgresql";
        }
        String type = t.getClass().getName();
        if (type.startsWith("io.vertx.pgclient") || type.startsWith("io.vertx.sqlclient")) {
            return "postgresql";
        }
        if (type.startsWith("io.vertx.redis") || type.startsWith("io.quarkus.redis")) {
            return "redis";
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith("io.vertx.pgclient") || c.startsWith("io.vertx.sqlclient")) {
                return "postgresql";
            }
            if (c.startsWith("io.vertx.redis") || c.startsWith("io.quarkus.redis")) {
                return "redis";
            }
        }
        return null;
    }

    /**
     * The {@code 503} answer to an infrastructure failure, or {@code null} when {@code failure} is
     * not one. Counted in {@code payrail.infrastructure.unavailable}; logged at the first failure of
     * an outage (a dependency that failed within the last 30 s is the same outage).
     */
    public static ApiException answer(Throwable failure) {
        String dependency = dependency(failure);
        if (dependency == null) {
            return null;
        }
        Metrics.counter("payrail.infrastructure.unavailable", "dependency", dependency).increment();
        long now = System.nanoTime();
        AtomicLong last = LAST_FAILURE.computeIfAbsent(dependency, d -> new AtomicLong(now - OUTAGE_GAP_NANOS - 1));
        long previous = last.getAndSet(now);
        if (now - previous > OUTAGE_GAP_NANOS) {
            LOG.warnf("%s unavailable (%s): requests that need it answer 503 with Retry-After until it is back; "
                    + "further failures of this outage are counted in payrail.infrastructure.unavailable, not logged",
                    dependency, failure.toString());
        }
        return new ApiException(503, "SERVICE_UNAVAILABLE",
                "Payrail cannot reach a service it depends on; nothing was lost. Retry the request with the same "
                        + "Idempotency-Key.", null)
                .header("Retry-After", RETRY_AFTER_SECONDS);
    }
}
