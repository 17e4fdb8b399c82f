package dev.payrail.connector;

/**
 * A provider call that did not produce an answer Payrail can use. Thrown inside a connector's
 * fault-tolerance guard so that retries and the circuit breaker see it; translated to a
 * {@link ConnectorResult} by {@link ConnectorFailures} outside the guard.
 */
public class ProviderCallException extends RuntimeException {

    private final boolean notProcessed;
    private final int status;

    /**
     * @param notProcessed the provider stated (or the transport proves) that nothing was processed,
     *                     so another provider may be tried
     * @param status       the HTTP status, 0 when there was no response
     */
    public ProviderCallException(String message, boolean notProcessed, int status) {
        super(message, null, false, false);
        this.notProcessed = notProcessed;
        this.status = status;
    }

    public boolean notProcessed() {
        return notProcessed;
    }

    public int status() {
        return status;
    }

    /** Safe to repeat with the same idempotency key: connect failures, 409, 5xx, a provider's retry hint. */
    public static class Retryable extends ProviderCallException {

        public Retryable(String message, boolean notProcessed, int status) {
            super(message, notProcessed, status);
        }
    }
}
