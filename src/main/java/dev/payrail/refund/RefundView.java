package dev.payrail.refund;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefundView(String id, String object, String paymentId, long amount, String currency, String status,
        String reason, String providerReference, String errorCode, String errorDescription, Instant createdAt,
        Instant updatedAt) {

    public static RefundView of(Refund r) {
        return new RefundView(r.id(), "refund", r.paymentId(), r.amount(), r.currency(), r.status(), r.reason(),
                r.providerReference(), r.errorCode(), r.errorDescription(), r.createdAt(), r.updatedAt());
    }
}
