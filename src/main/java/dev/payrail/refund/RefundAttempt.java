package dev.payrail.refund;

import java.time.Instant;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorCalls;

/**
 * One provider call for a refund, a row of {@code payment_attempts} that names the refund: the
 * refund itself ({@code refund}, written before the call) or a status query ({@code refund_status}).
 * The refund call's provider idempotency key is the refund id: fixed, derived from our ids, resent
 * by every retry of the call, and the reference by which a status query finds the refund.
 *
 * @param outcome {@code in_flight} until the provider answered, then the outcome in lower case
 */
record RefundAttempt(String id, Refund refund, String provider, String providerKey, String operation, String outcome,
        String providerReference, Integer latencyMs, String errorCode, Instant createdAt) {

    static final String REFUND = "refund";
    static final String REFUND_STATUS = "refund_status";

    /** The refund call, before it is made. */
    static RefundAttempt refund(Refund r, String provider, Instant now) {
        return new RefundAttempt(Ids.newId("att_"), r, provider, r.id(), REFUND, "in_flight", null, null, null, now);
    }

    /** A status query about the refund, before it is made (a GET: its key is only the attempt's id). */
    static RefundAttempt statusQuery(Refund r, String provider, Instant now) {
        String id = Ids.newId("att_");
        return new RefundAttempt(id, r, provider, id, REFUND_STATUS, "in_flight", null, null, null, now);
    }

    /** The same attempt with the provider's answer. */
    RefundAttempt finish(ConnectorCalls.Timed answer) {
        return new RefundAttempt(id, refund, provider, providerKey, operation,
                answer.result().outcome().name().toLowerCase(), answer.result().providerReference(), answer.latencyMs(),
                answer.result().errorCode(), createdAt);
    }
}
