package dev.payrail.billing.web;

import java.util.Map;

/**
 * {@code POST /api/v1/subscriptions}. {@code trial_end} (ISO-8601) or {@code trial_period_days} start
 * with a free trial; {@code billing_cycle_anchor} (ISO-8601, without a trial) starts billing later —
 * the time before it is not billed (no proration). {@code default_payment_method} names one of the
 * customer's saved methods; absent, the customer's default is charged.
 */
public record SubscriptionRequest(String customer, String price, Integer quantity, String defaultPaymentMethod,
        String trialEnd, Integer trialPeriodDays, String billingCycleAnchor, Map<String, Object> metadata) {
}
