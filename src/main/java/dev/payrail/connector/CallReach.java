package dev.payrail.connector;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Whether any try of one provider call may have reached the provider. A connector's guarded call
 * {@linkplain #observe observes} each try's failure; once one was ambiguous (a lost connection, a
 * {@code 5xx}, a timeout), a later try refused before sending (the breaker opened on it, the bulkhead
 * is full) does not make the call "not sent": {@link #outcome} turns it into an unknown outcome, which
 * neither fails over nor fails a refund.
 */
public final class CallReach {

    private final AtomicBoolean reached = new AtomicBoolean();
    private final Predicate<Throwable> notSent;

    /** Failures classified by {@link ConnectorFailures#toResult}. */
    public CallReach() {
        this(t -> ConnectorFailures.toResult(t).is(Outcome.NOT_SENT));
    }

    /** Failures classified by a connector's own rule of what provably was not sent. */
    public CallReach(Predicate<Throwable> notSent) {
        this.notSent = notSent;
    }

    /** Records one try's failure and passes it on. */
    public Throwable observe(Throwable tryFailure) {
        if (!notSent.test(tryFailure)) {
            reached.set(true);
        }
        return tryFailure;
    }

    /** The failure of the call as a whole, after its last try. */
    public Throwable outcome(Throwable lastFailure, String provider) {
        return reached.get() && notSent.test(lastFailure)
                ? new ProviderCallException("An earlier try may have reached " + provider + "; then: "
                        + lastFailure.getMessage(), false, 0)
                : lastFailure;
    }
}
