package dev.payrail.billing;

import java.time.Instant;
import java.util.Map;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A customer's subscription to a price. Periods are counted from {@code billingCycleAnchor}:
 * {@code periodIndex} is the period the subscription is in ({@code -1} before the anchor: a trial,
 * or the free time until a future anchor).
 *
 * @param paymentMethod the saved method charged, or {@code null} for the customer's default at each charge
 */
public record Subscription(String id, String merchantId, String customerId, String priceId, int quantity,
        String paymentMethod, SubscriptionStatus status, Instant billingCycleAnchor, Instant currentPeriodStart,
        Instant currentPeriodEnd, int periodIndex, Instant trialStart, Instant trialEnd, boolean cancelAtPeriodEnd,
        Instant canceledAt, Instant endedAt, Instant pausedAt, Map<String, Object> metadata, int version,
        Instant createdAt, Instant updatedAt) {

    static final String COLUMNS = "id, merchant_id, customer_id, price_id, quantity, payment_method, status, "
            + "billing_cycle_anchor, current_period_start, current_period_end, period_index, trial_start, trial_end, "
            + "cancel_at_period_end, canceled_at, ended_at, paused_at, metadata, version, created_at, updated_at";

    static Subscription from(Row r) {
        return new Subscription(r.getString("id"), r.getString("merchant_id"), r.getString("customer_id"),
                r.getString("price_id"), r.getInteger("quantity"), r.getString("payment_method"),
                SubscriptionStatus.parse(r.getString("status")), Sql.instant(r, "billing_cycle_anchor"),
                Sql.instant(r, "current_period_start"), Sql.instant(r, "current_period_end"), r.getInteger("period_index"),
                Sql.instant(r, "trial_start"), Sql.instant(r, "trial_end"), r.getBoolean("cancel_at_period_end"),
                Sql.instant(r, "canceled_at"), Sql.instant(r, "ended_at"), Sql.instant(r, "paused_at"),
                Sql.map(r, "metadata"), r.getInteger("version"), Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }

    /** A copy in which the fields a change may touch are replaced. */
    public Subscription with(SubscriptionStatus status, Instant anchor, Instant periodStart, Instant periodEnd,
            int periodIndex, boolean cancelAtPeriodEnd, Instant canceledAt, Instant endedAt, Instant pausedAt,
            Instant now) {
        return new Subscription(id, merchantId, customerId, priceId, quantity, paymentMethod, status, anchor, periodStart,
                periodEnd, periodIndex, trialStart, trialEnd, cancelAtPeriodEnd, canceledAt, endedAt, pausedAt, metadata,
                version + 1, createdAt, now);
    }

    public Subscription withStatus(SubscriptionStatus next, Instant now) {
        return with(next, billingCycleAnchor, currentPeriodStart, currentPeriodEnd, periodIndex, cancelAtPeriodEnd,
                canceledAt, endedAt, pausedAt, now);
    }
}
