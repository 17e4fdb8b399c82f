package dev.payrail.graphql;

import java.time.Instant;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.payrail.payment.PaymentAttempt;

/** One provider call made for a payment (authorize, capture, void, status). */
@Type("PaymentAttempt")
public class AttemptNode {

    private final PaymentAttempt attempt;

    AttemptNode(PaymentAttempt attempt) {
        this.attempt = attempt;
    }

    public @NonNull String getId() {
        return attempt.id();
    }

    public @NonNull String getProvider() {
        return attempt.provider();
    }

    public @NonNull String getOperation() {
        return attempt.operation();
    }

    public @NonNull String getOutcome() {
        return attempt.outcome();
    }

    public String getProviderIdempotencyKey() {
        return attempt.providerKey();
    }

    public Integer getLatencyMs() {
        return attempt.latencyMs();
    }

    public String getErrorCode() {
        return attempt.errorCode();
    }

    public @NonNull Instant getCreatedAt() {
        return attempt.createdAt();
    }
}
