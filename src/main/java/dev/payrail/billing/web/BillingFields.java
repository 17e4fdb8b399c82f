package dev.payrail.billing.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.payrail.billing.Interval;
import dev.payrail.billing.NewSubscription;
import dev.payrail.common.ApiException;
import dev.payrail.common.Filters;
import dev.payrail.money.Currencies;

/**
 * The rules of the billing requests' fields. Text is already free of NUL, lone surrogates and card
 * numbers (refused when the JSON is read).
 */
final class BillingFields {

    /** The furthest a trial or a billing cycle anchor may lie ahead. */
    static final Duration MAX_AHEAD = Duration.ofDays(730);
    static final int MAX_QUANTITY = 10_000;

    private BillingFields() {
    }

    static ProductRequest product(ProductRequest r) {
        if (r == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        if (r.name() == null) {
            throw ApiException.badRequest("name is required.", "name");
        }
        return new ProductRequest(text(r.name(), 255, "name"), text(r.description(), 500, "description"),
                Filters.flatObject(r.metadata(), "metadata"));
    }

    /** A validated price request; the interval is parsed by the caller with {@link #interval}. */
    static PriceRequest price(PriceRequest r) {
        if (r == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        id(r.product(), "prod_", "product");
        String currency = Currencies.require(r.currency(), "currency");
        Currencies.requireAmount(r.unitAmount(), currency, "unit_amount");
        if (r.recurring() == null) {
            throw ApiException.badRequest("recurring {interval, interval_count} is required.", "recurring");
        }
        interval(r.recurring().interval());
        Integer count = r.recurring().intervalCount() == null ? 1 : r.recurring().intervalCount();
        if (count < 1 || count > maxCount(Interval.parse(r.recurring().interval()))) {
            throw ApiException.badRequest("recurring.interval_count must be 1 to "
                    + maxCount(Interval.parse(r.recurring().interval())) + " for " + r.recurring().interval()
                    + " (at most three years).", "recurring.interval_count");
        }
        return new PriceRequest(r.product(), r.unitAmount(), currency,
                new PriceRequest.Recurring(r.recurring().interval(), count), text(r.nickname(), 255, "nickname"),
                Filters.flatObject(r.metadata(), "metadata"));
    }

    static Interval interval(String value) {
        Interval i = Interval.parse(value);
        if (i == null) {
            throw ApiException.badRequest("recurring.interval must be day, week, month or year.", "recurring.interval");
        }
        return i;
    }

    private static int maxCount(Interval i) {
        return switch (i) {
            case DAY -> 365 * 3;
            case WEEK -> 156;
            case MONTH -> 36;
            case YEAR -> 3;
        };
    }

    static NewSubscription subscription(SubscriptionRequest r, Instant now) {
        if (r == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        id(r.customer(), "cus_", "customer");
        id(r.price(), "price_", "price");
        if (r.defaultPaymentMethod() != null) {
            id(r.defaultPaymentMethod(), "pm_", "default_payment_method");
        }
        int quantity = r.quantity() == null ? 1 : r.quantity();
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw ApiException.badRequest("quantity must be 1 to " + MAX_QUANTITY + ".", "quantity");
        }
        if (r.trialEnd() != null && r.trialPeriodDays() != null) {
            throw ApiException.badRequest("Send trial_end or trial_period_days, not both.", "trial_end");
        }
        Instant trialEnd = null;
        if (r.trialEnd() != null) {
            trialEnd = ahead(r.trialEnd(), "trial_end", now);
        } else if (r.trialPeriodDays() != null) {
            if (r.trialPeriodDays() < 1 || r.trialPeriodDays() > MAX_AHEAD.toDays()) {
                throw ApiException.badRequest("trial_period_days must be 1 to " + MAX_AHEAD.toDays() + ".",
                        "trial_period_days");
            }
            trialEnd = now.plus(Duration.ofDays(r.trialPeriodDays()));
        }
        Instant anchor = null;
        if (r.billingCycleAnchor() != null) {
            if (trialEnd != null) {
                throw ApiException.badRequest("billing_cycle_anchor cannot be combined with a trial: a trial's end "
                        + "anchors the billing cycle.", "billing_cycle_anchor");
            }
            anchor = ahead(r.billingCycleAnchor(), "billing_cycle_anchor", now);
        }
        return new NewSubscription(r.customer(), r.price(), quantity, r.defaultPaymentMethod(), trialEnd, anchor,
                Filters.flatObject(r.metadata(), "metadata"));
    }

    /** A timestamp after {@code now} and at most {@link #MAX_AHEAD} ahead. */
    private static Instant ahead(String value, String param, Instant now) {
        var t = Filters.instant(value, param);
        Instant at = t.toInstant().truncatedTo(ChronoUnit.MICROS);
        if (!at.isAfter(now) || at.isAfter(now.plus(MAX_AHEAD))) {
            throw ApiException.badRequest(param + " must be in the future and at most " + MAX_AHEAD.toDays()
                    + " days ahead.", param);
        }
        return at;
    }

    /** An object id with its prefix, else 400 naming the field (an id of the wrong shape is never looked up). */
    static String id(String value, String prefix, String param) {
        if (value == null) {
            throw ApiException.badRequest(param + " is required.", param);
        }
        if (!value.startsWith(prefix) || value.length() > 64 || !dev.payrail.common.Ids.isBase62(value.substring(prefix.length()))
                || value.length() == prefix.length()) {
            throw ApiException.badRequest(param + " must be an id starting with " + prefix + ".", param);
        }
        return value;
    }

    private static String text(String value, int max, String field) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > max) {
            throw ApiException.badRequest(field + " must be 1 to " + max + " characters, not only spaces.", field);
        }
        return value;
    }
}
