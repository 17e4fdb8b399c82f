package dev.payrail.dispute;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A dispute as the API and the {@code dispute.*} events show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DisputeView(String id, String object, String paymentId, String provider, String providerDisputeId,
        String reason, long amount, String currency, String status, Instant evidenceDueBy, long fundsWithdrawn,
        long fundsReinstated, Map<String, String> evidence, Instant evidenceSubmittedAt, Instant createdAt,
        Instant updatedAt, Instant closedAt) {

    public static DisputeView of(Dispute d) {
        return new DisputeView(d.id(), "dispute", d.paymentId(), d.provider(), d.providerDisputeId(), d.reason(),
                d.amount(), d.currency(), d.status(), d.evidenceDueBy(), d.fundsWithdrawn(), d.fundsReinstated(),
                d.evidence(), d.evidenceSubmittedAt(), d.createdAt(), d.updatedAt(), d.closedAt());
    }
}
