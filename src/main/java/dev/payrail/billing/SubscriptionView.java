package dev.payrail.billing;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A subscription as the API and its events show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(String id, String object, String customer, String price, int quantity,
        String defaultPaymentMethod, String status, Instant billingCycleAnchor, Instant currentPeriodStart,
        Instant currentPeriodEnd, Instant trialStart, Instant trialEnd, boolean cancelAtPeriodEnd, Instant canceledAt,
        Instant endedAt, Instant pausedAt, String latestInvoice, Map<String, Object> metadata, Instant createdAt,
        Instant updatedAt) {

    public static SubscriptionView of(Subscription s) {
        return of(s, null);
    }

    public static SubscriptionView of(Subscription s, String latestInvoice) {
        return new SubscriptionView(s.id(), "subscription", s.customerId(), s.priceId(), s.quantity(), s.paymentMethod(),
                s.status().publicName(), s.billingCycleAnchor(), s.currentPeriodStart(), s.currentPeriodEnd(),
                s.trialStart(), s.trialEnd(), s.cancelAtPeriodEnd(), s.canceledAt(), s.endedAt(), s.pausedAt(),
                latestInvoice, s.metadata(), s.createdAt(), s.updatedAt());
    }
}
