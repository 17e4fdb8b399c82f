package dev.payrail.risk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.card.CardFingerprinter;
import dev.payrail.common.MeterCache;
import dev.payrail.ratelimit.Limit;
import dev.payrail.ratelimit.RateLimitResponses;
import dev.payrail.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The fraud rules, evaluated for a new payment before any provider is called. Each rule that fires adds
 * points to a score capped at 100:
 * <ul>
 * <li>{@code blocklist}: the card fingerprint, BIN, e-mail or payer IP is on the merchant's block list
 * (100, the payment is blocked whatever the thresholds);
 * <li>{@code amount_limit}: the amount exceeds the merchant's limit for the currency (100, blocked);
 * <li>{@code velocity_card}, {@code velocity_customer}, {@code velocity_email}, {@code velocity_ip}: more
 * payments with the same signal in the sliding window than the limit ({@link VelocityCounter});
 * <li>{@code unusual_amount}: far above the customer's average amount.
 * </ul>
 * A score at or above {@code risk_threshold} blocks, at or above {@code review_threshold} holds for review,
 * below allows. Before all that, the customer's rate limit may refuse the request ({@code 429}).
 * Decisions are counted by decision ({@code payrail.risk.decisions}) and fired rules by rule and decision
 * ({@code payrail.risk.rules}).
 */
@Singleton
public class RiskEngine {

    public static final String CUSTOMER_LIMIT = "customer";
    static final int HARD = 100;
    static final long HISTORY_DAYS = 180;

    private final RiskStore store;
    private final VelocityCounter velocity;
    private final RateLimiter rateLimiter;
    private final CardFingerprinter digests;
    private final MeterCache<String, Counter> decisions;
    private final MeterCache<RuleDecision, Counter> rules;

    /** The tags of one rule counter. */
    private record RuleDecision(String rule, String decision) {
    }

    RiskEngine(RiskStore store, VelocityCounter velocity, RateLimiter rateLimiter, CardFingerprinter digests,
            MeterRegistry registry) {
        this.store = store;
        this.velocity = velocity;
        this.rateLimiter = rateLimiter;
        this.digests = digests;
        this.decisions = new MeterCache<>(decision -> registry.counter("payrail.risk.decisions", "decision", decision));
        this.rules = new MeterCache<>(
                k -> registry.counter("payrail.risk.rules", "rule", k.rule(), "decision", k.decision()));
    }

    /** The decision, and the JSON to store on the payment. */
    public record Evaluation(RiskAssessment assessment, Map<String, Object> stored) {

        /**
         * This evaluation turned into a block for {@code rule} (0 points, the score unchanged): a payment
         * to hold for review that no provider can hold.
         */
        @SuppressWarnings("unchecked")
        public Evaluation blockedBy(String rule, String detail) {
            List<RiskAssessment.Reason> reasons = new ArrayList<>(assessment.reasons());
            reasons.add(new RiskAssessment.Reason(rule, 0, detail));
            RiskAssessment blocked = new RiskAssessment(assessment.score(), RiskAssessment.BLOCK, List.copyOf(reasons),
                    null);
            Object signals = stored.get("signals");
            return new Evaluation(blocked, blocked.stored(signals instanceof Map<?, ?> m ? (Map<String, String>) m : null));
        }
    }

    public Uni<Evaluation> evaluate(RiskRequest r) {
        return evaluate(r, null);
    }

    /**
     * The rules for {@code r}, taking the velocity counts from {@code precount} when a script of the request
     * already ran it for exactly this payment's signals ({@link #precount}); otherwise counting them now.
     */
    public Uni<Evaluation> evaluate(RiskRequest r, VelocityCounter.Precount precount) {
        String email = BlocklistEntry.emailOrNull(r.email());
        RiskRequest request = normalized(r, email);
        Instant historySince = Instant.now().minus(HISTORY_DAYS, ChronoUnit.DAYS);
        return store.context(request, email, historySince)
                .call(context -> customerRateLimit(request, context.settings()))
                .chain(context -> {
                    Map<String, String> signals = signals(request, context.email());
                    VelocityCounter.Signal[] wanted = wanted(request, signals, context.settings());
                    VelocityCounter.Counts counted = precount == null ? null
                            : precount.counted(request.merchantId(), wanted);
                    Uni<VelocityCounter.Counts> counts = counted != null ? Uni.createFrom().item(counted)
                            : velocity.count(request.merchantId(), wanted, precount);
                    return counts.map(c -> decide(request, context, c, signals));
                });
    }

    /**
     * The velocity count of {@code r} as a {@link dev.payrail.common.ScriptRider}, to run inside the payment's
     * idempotency claim before the rules: only for a payment naming no customer (a customer's e-mail and rate
     * limit come from PostgreSQL and Redis first) of a merchant whose settings this pod holds
     * ({@link RiskStore#cachedSettings}); otherwise {@code null}, and {@link #evaluate} counts as it goes.
     * The windows are the settings' at this moment; should they change before the rules run, the rules count
     * again, recording the payment as the same member.
     */
    public VelocityCounter.Precount precount(RiskRequest r) {
        if (r.customer() != null) {
            return null;
        }
        RiskSettings settings = store.cachedSettings(r.merchantId());
        if (settings == null) {
            return null;
        }
        String email = BlocklistEntry.emailOrNull(r.email());
        RiskRequest request = normalized(r, email);
        return velocity.precount(request.merchantId(), wanted(request, signals(request, email), settings));
    }

    /** {@code r} with its e-mail and IP as the rules compare them. */
    private static RiskRequest normalized(RiskRequest r, String email) {
        return new RiskRequest(r.merchantId(), r.amount(), r.currency(), r.cardFingerprint(), r.bin(), r.customer(),
                email, BlocklistEntry.ipOrNull(r.clientIp()));
    }

    /** The signals the velocity rules count, each with its window, in the order of {@link VelocityCounter#KINDS}. */
    private static VelocityCounter.Signal[] wanted(RiskRequest request, Map<String, String> signals, RiskSettings s) {
        return new VelocityCounter.Signal[] {
                new VelocityCounter.Signal(request.cardFingerprint(), s.cardVelocity().windowSeconds()),
                new VelocityCounter.Signal(signals.get("customer"), s.customerVelocity().windowSeconds()),
                new VelocityCounter.Signal(signals.get("email"), s.emailVelocity().windowSeconds()),
                new VelocityCounter.Signal(signals.get("ip"), s.ipVelocity().windowSeconds()) };
    }

    private Uni<?> customerRateLimit(RiskRequest r, RiskSettings s) {
        if (r.customer() == null) {
            return Uni.createFrom().nullItem();
        }
        var c = s.customerRateLimit();
        Limit limit = Limit.of(CUSTOMER_LIMIT, c.limit(), java.time.Duration.ofSeconds(c.windowSeconds()), c.limit());
        return rateLimiter.check(limit, r.merchantId() + ":" + r.customer()).map(decision -> {
            if (!decision.allowed()) {
                rules.get(new RuleDecision("customer_rate_limit", "rate_limited")).increment();
                throw RateLimitResponses.rejected(decision);
            }
            return null;
        });
    }

    /** What the velocity rules count and PostgreSQL keeps for them: never the e-mail or IP itself. */
    private Map<String, String> signals(RiskRequest r, String email) {
        Map<String, String> signals = new LinkedHashMap<>();
        if (r.customer() != null) {
            signals.put("customer", r.customer());
        }
        if (email != null) {
            signals.put("email", digests.fingerprint("email:" + email));
        }
        if (r.clientIp() != null) {
            signals.put("ip", digests.fingerprint("ip:" + r.clientIp()));
        }
        return signals;
    }

    private Evaluation decide(RiskRequest r, RiskStore.Context context, VelocityCounter.Counts counts,
            Map<String, String> signals) {
        RiskSettings s = context.settings();
        List<RiskAssessment.Reason> reasons = new ArrayList<>();
        for (String hit : context.blocked()) {
            String[] typeAndId = hit.split(":", 2);
            reasons.add(new RiskAssessment.Reason("blocklist", HARD,
                    typeAndId[0] + " is on the block list (" + typeAndId[1] + ")"));
        }
        Long limit = s.amountLimits().get(r.currency());
        if (limit != null && r.amount() > limit) {
            reasons.add(new RiskAssessment.Reason("amount_limit", HARD,
                    "amount " + r.amount() + " exceeds the limit of " + limit + " " + r.currency()));
        }
        String source = counts.fromDatabase() ? " (counted in PostgreSQL: Redis unavailable)" : "";
        velocity(reasons, "velocity_card", "card", s.cardVelocity(), counts.counts()[0], source);
        velocity(reasons, "velocity_customer", "customer", s.customerVelocity(), counts.counts()[1], source);
        velocity(reasons, "velocity_email", "e-mail", s.emailVelocity(), counts.counts()[2], source);
        velocity(reasons, "velocity_ip", "client IP", s.ipVelocity(), counts.counts()[3], source);
        var unusual = s.unusualAmount();
        if (unusual.multiplier() > 0 && context.historyCount() >= unusual.minHistory() && context.historyAverage() > 0
                && r.amount() > (long) unusual.multiplier() * context.historyAverage()) {
            reasons.add(new RiskAssessment.Reason("unusual_amount", unusual.points(), "amount " + r.amount()
                    + " is more than " + unusual.multiplier() + " times the customer's average of "
                    + context.historyAverage() + " " + r.currency() + " over " + context.historyCount() + " payments"));
        }
        int score = Math.min(100, reasons.stream().mapToInt(RiskAssessment.Reason::points).sum());
        boolean hard = reasons.stream().anyMatch(x -> x.points() >= HARD);
        String decision = hard || score >= s.riskThreshold() ? RiskAssessment.BLOCK
                : score >= s.reviewThreshold() ? RiskAssessment.REVIEW : RiskAssessment.ALLOW;
        RiskAssessment assessment = new RiskAssessment(score, decision, List.copyOf(reasons),
                RiskAssessment.REVIEW.equals(decision) ? "open" : null);
        decisions.get(decision).increment();
        for (RiskAssessment.Reason reason : reasons) {
            rules.get(new RuleDecision(reason.rule(), decision)).increment();
        }
        return new Evaluation(assessment, assessment.stored(signals));
    }

    private static void velocity(List<RiskAssessment.Reason> reasons, String rule, String what,
            RiskSettings.Velocity v, long count, String source) {
        if (count > v.limit()) {
            String counted = count >= VelocityCounter.MAX_MEMBERS ? "more than " + RiskSettings.MAX_VELOCITY_LIMIT
                    : String.valueOf(count);
            reasons.add(new RiskAssessment.Reason(rule, v.points(), counted + " payments with this " + what + " in "
                    + v.windowSeconds() + " s (limit " + v.limit() + ")" + source));
        }
    }
}
