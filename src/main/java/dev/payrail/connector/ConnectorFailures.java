package dev.payrail.connector;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * What a failed provider call means for the money. Only a failure that proves the request did not
 * reach the provider (or that the provider states it did not process) is {@link Outcome#NOT_SENT}
 * and may fail over; everything else — a timeout, a connection lost after sending, an ambiguous
 * {@code 5xx} — is {@link Outcome#UNKNOWN} and goes to the reconciler.
 */
public final class ConnectorFailures {

    private ConnectorFailures() {
    }

    public static ConnectorResult toResult(Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return notSent("circuit_open", "The provider's circuit breaker is open; nothing was sent.");
        }
        if (failure instanceof BulkheadException) {
            return notSent("bulkhead_full", "Too many calls to the provider in flight; nothing was sent.");
        }
        if (failure instanceof ProviderCallException p) {
            return p.notProcessed() ? notSent("provider_unavailable", p.getMessage())
                    : ConnectorResult.unknown(null, p.getMessage());
        }
        if (neverConnected(failure)) {
            return notSent("provider_unreachable", "Could not connect to the provider; nothing was sent.");
        }
        return ConnectorResult.unknown(null, "The provider did not answer in time; the outcome is unknown.");
    }

    /**
     * A transport failure of one try of a call to {@code provider}, as the guarded calls' fault
     * tolerance needs it: no connection is {@linkplain ProviderCallException.Retryable retryable} and
     * provably not sent; a connection lost after sending is unknown, retryable only when the request
     * is {@code repeatable} (the provider replays it by its idempotency key); anything else passes.
     */
    public static Throwable transport(Throwable t, String provider, boolean repeatable) {
        if (t instanceof ProviderCallException) {
            return t;
        }
        if (neverConnected(t)) {
            return new ProviderCallException.Retryable("Could not connect to " + provider + ": " + t.getMessage(), true, 0);
        }
        if (t instanceof java.io.IOException || t.getCause() instanceof java.io.IOException
                || t instanceof jakarta.ws.rs.ProcessingException) {
            String message = "The connection to " + provider + " was lost: " + t;
            return repeatable ? new ProviderCallException.Retryable(message, false, 0)
                    : new ProviderCallException(message, false, 0);
        }
        return t;
    }

    /** Connection refused, unknown host, no route: the request never left. */
    public static boolean neverConnected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static ConnectorResult notSent(String code, String message) {
        return new ConnectorResult(Outcome.NOT_SENT, null, code, null, message, null, null);
    }
}
