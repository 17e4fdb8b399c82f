package dev.payrail.dispute;

import java.util.Map;
import java.util.Objects;

import dev.payrail.connector.DisputeDetails;

/**
 * How what a provider reports changes a stored dispute, whatever order its events arrive in: a
 * closed dispute stays closed; otherwise the status only moves forward (an inquiry may become a
 * chargeback, never the reverse; a review never goes back to needing a response); fields the
 * report lacks are kept; funds withdrawn and reinstated only grow.
 */
final class DisputeMerge {

    private static final Map<String, Integer> RANK = Map.of(
            DisputeDetails.WARNING_NEEDS_RESPONSE, 0, DisputeDetails.WARNING_UNDER_REVIEW, 1,
            DisputeDetails.NEEDS_RESPONSE, 2, DisputeDetails.UNDER_REVIEW, 3,
            DisputeDetails.WARNING_CLOSED, 4, DisputeDetails.WON, 4, DisputeDetails.LOST, 4);

    private DisputeMerge() {
    }

    /** The status after a report of {@code reported} ({@code null}: not said) on a dispute in {@code current}. */
    static String status(String current, String reported) {
        if (reported == null || !RANK.containsKey(reported) || DisputeDetails.isClosed(current)) {
            return current;
        }
        return RANK.get(reported) >= RANK.getOrDefault(current, -1) ? reported : current;
    }

    /** The fields to store after the report; equal to {@code current}'s when nothing changes. */
    static Fields merge(Fields current, DisputeDetails reported) {
        return new Fields(status(current.status(), reported.status()),
                reported.reason() != null ? reported.reason() : current.reason(),
                reported.amount() != null ? reported.amount() : current.amount(),
                reported.evidenceDueBy() != null ? reported.evidenceDueBy() : current.evidenceDueBy(),
                Math.max(current.fundsWithdrawn(), reported.fundsWithdrawn() == null ? 0 : reported.fundsWithdrawn()),
                Math.max(current.fundsReinstated(), reported.fundsReinstated() == null ? 0 : reported.fundsReinstated()));
    }

    /** The fields a provider's report may change. */
    record Fields(String status, String reason, long amount, java.time.Instant evidenceDueBy, long fundsWithdrawn,
            long fundsReinstated) {

        static Fields of(Dispute d) {
            return new Fields(d.status(), d.reason(), d.amount(), d.evidenceDueBy(), d.fundsWithdrawn(),
                    d.fundsReinstated());
        }

        boolean sameAs(Fields o) {
            return Objects.equals(this, o);
        }
    }
}
