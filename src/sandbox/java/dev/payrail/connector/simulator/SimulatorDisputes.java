package dev.payrail.connector.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.payrail.common.Ids;
import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.DisputeOperations;
import dev.payrail.sandbox.Recent;

/**
 * The simulator's disputes, with Stripe's lifecycle: opened ({@code needs_response}, or
 * {@code warning_needs_response} for an inquiry) by {@code POST /simulator/disputes}, evidence
 * staged or submitted ({@code under_review}) and acceptance ({@code lost}) through
 * {@link DisputeOperations}, and the outcome decided by {@code POST /simulator/disputes/{id}/close}.
 * A chargeback takes the disputed amount when it opens and gives it back when won.
 */
public final class SimulatorDisputes {

    private static final class Sim {
        final String id;
        final String reference;
        final Long amount;
        final String reason;
        final boolean inquiry;
        final Instant due = Instant.now().plus(Duration.ofDays(21));
        final Map<String, String> evidence = new LinkedHashMap<>();
        String status;

        Sim(String id, String reference, Long amount, String reason, boolean inquiry) {
            this.id = id;
            this.reference = reference;
            this.amount = amount;
            this.reason = reason;
            this.inquiry = inquiry;
            this.status = inquiry ? DisputeDetails.WARNING_NEEDS_RESPONSE : DisputeDetails.NEEDS_RESPONSE;
        }

        DisputeDetails details() {
            Long withdrawn = inquiry || amount == null ? null : amount;
            return new DisputeDetails(id, status, reason, amount, null, due, withdrawn,
                    DisputeDetails.WON.equals(status) ? withdrawn : null);
        }
    }

    /** A dispute as reported, and the reference of the disputed payment. */
    public record Reported(String paymentReference, DisputeDetails dispute) {
    }

    private final Recent<String, Sim> disputes = new Recent<>(10_000);

    /** Opens a dispute on the payment the simulator knows as {@code reference}. */
    public Reported open(String reference, Long amount, String reason, boolean inquiry) {
        Sim s = new Sim("simdp_" + Ids.random(18), reference, amount, reason == null ? "fraudulent" : reason, inquiry);
        disputes.put(s.id, s);
        return new Reported(reference, s.details());
    }

    /** Decides a dispute: {@code won} or {@code lost} (an inquiry closes either way); {@code null} when unknown or closed. */
    public Reported close(String id, boolean won) {
        Sim s = disputes.get(id);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            if (DisputeDetails.isClosed(s.status)) {
                return null;
            }
            s.status = s.inquiry ? DisputeDetails.WARNING_CLOSED : won ? DisputeDetails.WON : DisputeDetails.LOST;
            return new Reported(s.reference, s.details());
        }
    }

    DisputeOperations.Answer evidence(String id, Map<String, String> evidence, boolean submit) {
        Sim s = disputes.get(id);
        if (s == null) {
            return DisputeOperations.Answer.refused("resource_missing", "No such dispute: " + id);
        }
        synchronized (s) {
            if (!s.status.endsWith("needs_response")) {
                return DisputeOperations.Answer.refused("dispute_not_open", "This dispute no longer takes evidence.");
            }
            s.evidence.putAll(evidence);
            if (submit) {
                s.status = s.inquiry ? DisputeDetails.WARNING_UNDER_REVIEW : DisputeDetails.UNDER_REVIEW;
            }
            return new DisputeOperations.Answer(s.details(), null, null);
        }
    }

    DisputeOperations.Answer accept(String id) {
        Sim s = disputes.get(id);
        if (s == null) {
            return DisputeOperations.Answer.refused("resource_missing", "No such dispute: " + id);
        }
        synchronized (s) {
            if (DisputeDetails.isClosed(s.status)) {
                return DisputeOperations.Answer.refused("dispute_closed", "This dispute is already closed.");
            }
            s.status = s.inquiry ? DisputeDetails.WARNING_CLOSED : DisputeDetails.LOST;
            return new DisputeOperations.Answer(s.details(), null, null);
        }
    }
}
