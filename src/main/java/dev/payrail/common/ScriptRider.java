package dev.payrail.common;

import io.vertx.mutiny.redis.client.Response;

/**
 * Redis work of a later step of a request that runs inside an earlier script of the same request, so that
 * the two cost one round trip: the fraud rules' velocity count of a new payment inside its idempotency claim.
 * The earlier script (the host) runs the rider only when the request will go on to the later step (the key
 * was claimed for this request), after its own work, with the rider's own {@code KEYS} and {@code ARGV}; it
 * hands the rider's return value to {@link #ran}. A rider the host did not run (the host failed, refused the
 * request, or was not sent) has no value, and the later step does its own call as before.
 */
public interface ScriptRider {

    /**
     * Lua that defines {@code local function rider()}, which sees only the rider's {@link #keys} and
     * {@link #args} and returns one value. The same text for every rider of a kind: a host builds one script
     * per text.
     */
    String function();

    String[] keys();

    String[] args();

    /** The host ran the rider; {@code value} is what {@code rider()} returned. */
    void ran(Response value);

    /** Offers a rider for a request, from the arguments of the resource method it invokes. */
    interface Source {

        /** The {@link ScriptRider#function} of every rider this source offers, for hosts to load at start. */
        String function();

        /** A rider for this invocation, or {@code null}: nothing of its later steps can ride. */
        ScriptRider rider(Object[] parameters);
    }
}
