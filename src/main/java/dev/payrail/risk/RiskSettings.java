package dev.payrail.risk;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.payrail.common.ApiException;
import dev.payrail.money.Currencies;

/**
 * A merchant's fraud-rule settings: the score thresholds and each rule's parameters. A payment whose
 * score reaches {@code risk_threshold} is blocked; one that reaches {@code review_threshold} is held for
 * review (authorized, not captured). A {@code PUT} replaces the fields it names (nested ones field by field); the
 * rest keep their value.
 *
 * @param riskThreshold      score (1 to 100) at or above which a payment is blocked; default 75
 * @param reviewThreshold    score (1 to risk_threshold) at or above which a payment is held for review; default 50
 *                           (equal to risk_threshold: no review)
 * @param cardVelocity       payments per card fingerprint in a sliding window
 * @param emailVelocity      payments per customer e-mail in a sliding window
 * @param ipVelocity         payments per payer IP (public checkout endpoints) in a sliding window
 * @param customerVelocity   payments per customer id in a sliding window
 * @param amountLimits       the largest amount per payment, per currency (minor units); above it the payment is blocked
 * @param unusualAmount      an amount far above the customer's usual ones
 * @param customerRateLimit  payment requests per customer id: beyond it {@code 429 RATE_LIMITED}
 */
public record RiskSettings(Integer riskThreshold, Integer reviewThreshold, Velocity cardVelocity, Velocity emailVelocity,
        Velocity ipVelocity, Velocity customerVelocity, Map<String, Long> amountLimits, UnusualAmount unusualAmount,
        RateLimit customerRateLimit) {

    /**
     * More than {@code limit} payments in {@code window_seconds} adds {@code points} to the score.
     */
    public record Velocity(Integer limit, Integer windowSeconds, Integer points) {
        Velocity orDefault(Velocity d) {
            return new Velocity(limit != null ? limit : d.limit, windowSeconds != null ? windowSeconds : d.windowSeconds,
                    points != null ? points : d.points);
        }
    }

    /**
     * An amount above {@code multiplier} times the customer's average (over at least {@code min_history}
     * authorized or captured payments in the currency, last 180 days) adds {@code points}; multiplier 0 turns
     * the rule off.
     */
    public record UnusualAmount(Integer multiplier, Integer minHistory, Integer points) {
        UnusualAmount orDefault(UnusualAmount d) {
            return new UnusualAmount(multiplier != null ? multiplier : d.multiplier,
                    minHistory != null ? minHistory : d.minHistory, points != null ? points : d.points);
        }
    }

    /** {@code limit} payment requests per {@code window_seconds} for one customer. */
    public record RateLimit(Integer limit, Integer windowSeconds) {
        RateLimit orDefault(RateLimit d) {
            return new RateLimit(limit != null ? limit : d.limit, windowSeconds != null ? windowSeconds : d.windowSeconds);
        }
    }

    /** The highest velocity limit a merchant can set. */
    public static final int MAX_VELOCITY_LIMIT = 10_000;

    /**
     * The defaults: one velocity rule alone stays below the review threshold (a signal, not a verdict); two
     * together hold the payment for review, three block it.
     */
    public static final RiskSettings DEFAULTS = new RiskSettings(75, 50, new Velocity(5, 3600, 40),
            new Velocity(10, 3600, 30), new Velocity(20, 3600, 30), new Velocity(10, 3600, 30), Map.of(),
            new UnusualAmount(5, 3, 30), new RateLimit(30, 60));

    /** These settings with every absent field taken from {@code base}. */
    public RiskSettings over(RiskSettings base) {
        return new RiskSettings(riskThreshold != null ? riskThreshold : base.riskThreshold,
                reviewThreshold != null ? reviewThreshold : base.reviewThreshold,
                cardVelocity != null ? cardVelocity.orDefault(base.cardVelocity) : base.cardVelocity,
                emailVelocity != null ? emailVelocity.orDefault(base.emailVelocity) : base.emailVelocity,
                ipVelocity != null ? ipVelocity.orDefault(base.ipVelocity) : base.ipVelocity,
                customerVelocity != null ? customerVelocity.orDefault(base.customerVelocity) : base.customerVelocity,
                amountLimits != null ? amountLimits : base.amountLimits,
                unusualAmount != null ? unusualAmount.orDefault(base.unusualAmount) : base.unusualAmount,
                customerRateLimit != null ? customerRateLimit.orDefault(base.customerRateLimit) : base.customerRateLimit);
    }

    /** Complete settings (see {@link #over}) checked field by field; the error names the field. */
    public RiskSettings validated() {
        range(riskThreshold, 1, 100, "risk_threshold");
        range(reviewThreshold, 1, riskThreshold, "review_threshold");
        velocity(cardVelocity, "card_velocity");
        velocity(emailVelocity, "email_velocity");
        velocity(ipVelocity, "ip_velocity");
        velocity(customerVelocity, "customer_velocity");
        Map<String, Long> limits = new LinkedHashMap<>();
        amountLimits.forEach((currency, max) -> {
            String code = Currencies.require(currency, "amount_limits");
            if (max == null || max < 1) {
                throw ApiException.badRequest("amount_limits." + currency + " must be a positive amount in minor units.",
                        "amount_limits." + currency);
            }
            limits.put(code, max);
        });
        range(unusualAmount.multiplier, 0, 1000, "unusual_amount.multiplier");
        range(unusualAmount.minHistory, 1, 1000, "unusual_amount.min_history");
        range(unusualAmount.points, 0, 100, "unusual_amount.points");
        range(customerRateLimit.limit, 1, 10_000, "customer_rate_limit.limit");
        range(customerRateLimit.windowSeconds, 1, 86_400, "customer_rate_limit.window_seconds");
        return new RiskSettings(riskThreshold, reviewThreshold, cardVelocity, emailVelocity, ipVelocity,
                customerVelocity, Map.copyOf(limits), unusualAmount, customerRateLimit);
    }

    private static void velocity(Velocity v, String name) {
        range(v.limit, 1, MAX_VELOCITY_LIMIT, name + ".limit");
        range(v.windowSeconds, 10, 7 * 86_400, name + ".window_seconds");
        range(v.points, 0, 100, name + ".points");
    }

    private static void range(Integer value, int min, int max, String field) {
        if (value == null || value < min || value > max) {
            throw ApiException.badRequest(field + " must be between " + min + " and " + max + ".", field);
        }
    }
}
