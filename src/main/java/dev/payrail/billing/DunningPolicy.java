package dev.payrail.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

/**
 * When a failed invoice charge is tried again ({@code payrail.billing.dunning.retries}, each wait
 * counted from the failure), and what becomes of the subscription once the last retry failed
 * ({@code payrail.billing.dunning.final-action}: {@code unpaid} or {@code cancel}).
 */
@Singleton
class DunningPolicy {

    private final List<Duration> retries;
    private final boolean cancelAtEnd;

    DunningPolicy(BillingConfig config) {
        this.retries = List.copyOf(config.dunning().retries());
        String action = config.dunning().finalAction();
        if (!"unpaid".equals(action) && !"cancel".equals(action)) {
            throw new IllegalArgumentException("payrail.billing.dunning.final-action must be unpaid or cancel, not " + action);
        }
        this.cancelAtEnd = "cancel".equals(action);
    }

    /** The time of the next attempt after attempt {@code failedAttempt} (1 is the first) failed; {@code null}: no more. */
    Instant nextAttempt(int failedAttempt, Instant failedAt) {
        return failedAttempt >= 1 && failedAttempt <= retries.size() ? failedAt.plus(retries.get(failedAttempt - 1)) : null;
    }

    /** The subscription's status once its invoice is uncollectible. */
    SubscriptionStatus exhausted() {
        return cancelAtEnd ? SubscriptionStatus.CANCELED : SubscriptionStatus.UNPAID;
    }
}
