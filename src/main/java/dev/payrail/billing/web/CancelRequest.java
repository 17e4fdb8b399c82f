package dev.payrail.billing.web;

/** {@code POST /api/v1/subscriptions/{id}/cancel}: {@code at_period_end} true cancels when the paid period ends. */
public record CancelRequest(Boolean atPeriodEnd) {
}
