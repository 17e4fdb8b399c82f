package dev.payrail.billing;

import java.time.Instant;
import java.util.Map;

/**
 * A validated subscription to create.
 *
 * @param trialEnd           the end of a free trial, or {@code null}
 * @param billingCycleAnchor the start of the first billed period when later than now (no trial), or {@code null}
 * @param paymentMethod      the saved method to charge, or {@code null} for the customer's default
 */
public record NewSubscription(String customerId, String priceId, int quantity, String paymentMethod, Instant trialEnd,
        Instant billingCycleAnchor, Map<String, Object> metadata) {
}
