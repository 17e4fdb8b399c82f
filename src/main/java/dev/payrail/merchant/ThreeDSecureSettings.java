package dev.payrail.merchant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.payrail.common.ApiException;
import dev.payrail.money.Currencies;

/**
 * A merchant's 3-D Secure rules: when Payrail asks the provider to authenticate the cardholder.
 *
 * @param mode             {@code always}, {@code threshold}, {@code when_required} or {@code never}
 * @param defaultThreshold for {@code threshold}: the threshold (minor units) of currencies not in
 *                         {@code thresholds}; {@code null}: those are not challenged by amount
 * @param thresholds       for {@code threshold}: per ISO 4217 currency, the amount in its minor units at or
 *                         above which a card payment asks for authentication
 */
public record ThreeDSecureSettings(String mode, Long defaultThreshold, Map<String, Long> thresholds) {

    /** Ask for authentication on every on-session card payment. */
    public static final String ALWAYS = "always";
    /** Ask at or above the currency's threshold; below it, as {@link #WHEN_REQUIRED}. */
    public static final String THRESHOLD = "threshold";
    /** Never ask; authenticate only when the provider (the issuer, regulation such as SCA) requires it. */
    public static final String WHEN_REQUIRED = "when_required";
    /** Never ask and never play a challenge: a payment the provider insists on authenticating fails. */
    public static final String NEVER = "never";

    /** A new merchant's rules: the provider decides, Payrail asks for nothing. */
    public static final ThreeDSecureSettings NEW_MERCHANT = new ThreeDSecureSettings(WHEN_REQUIRED, null, Map.of());

    /** What Payrail decides for one payment before calling the provider. */
    public enum Decision {
        /** Ask the provider to authenticate (challenge the cardholder). */
        CHALLENGE,
        /** Let the provider decide; play its challenge if it asks for one. */
        AUTOMATIC,
        /** No challenge may be played: off-session, or mode {@code never}. */
        REFUSE
    }

    /** The threshold that applies to {@code currency}, or {@code null}. */
    public Long thresholdFor(String currency) {
        Long t = thresholds == null ? null : thresholds.get(currency);
        return t != null ? t : defaultThreshold;
    }

    /** The decision for an on-session card payment of {@code amount} {@code currency}. */
    public Decision decide(long amount, String currency) {
        return switch (mode) {
            case ALWAYS -> Decision.CHALLENGE;
            case NEVER -> Decision.REFUSE;
            case THRESHOLD -> {
                Long t = thresholdFor(currency);
                yield t != null && amount >= t ? Decision.CHALLENGE : Decision.AUTOMATIC;
            }
            default -> Decision.AUTOMATIC;
        };
    }

    /** The body of {@code PUT /api/v1/merchant/three_d_secure}: all three fields, as {@code GET} returns them. */
    public record Update(String mode, Long defaultThreshold, Map<String, Object> thresholds) {
    }

    private static final int MAX_CURRENCIES = 200;

    /** The update checked: a {@code 400} problem naming the field at fault, else the new settings. */
    public static ThreeDSecureSettings validate(Update u) {
        if (u == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        if (u.mode() == null || !java.util.List.of(ALWAYS, THRESHOLD, WHEN_REQUIRED, NEVER).contains(u.mode())) {
            throw ApiException.badRequest("mode must be one of always, threshold, when_required, never.", "mode");
        }
        if (u.defaultThreshold() != null && (u.defaultThreshold() < 0 || u.defaultThreshold() > 9_999_999_999L)) {
            throw ApiException.badRequest("default_threshold is an amount in minor units, 0 to 9999999999.",
                    "default_threshold");
        }
        Map<String, Long> thresholds = new TreeMap<>();
        if (u.thresholds() != null) {
            if (u.thresholds().size() > MAX_CURRENCIES) {
                throw ApiException.badRequest("thresholds holds at most " + MAX_CURRENCIES + " currencies.", "thresholds");
            }
            for (Map.Entry<String, Object> e : u.thresholds().entrySet()) {
                String param = "thresholds." + (e.getKey().length() > 3 ? e.getKey().substring(0, 3) : e.getKey());
                String currency = Currencies.require(e.getKey(), param);
                if (!(e.getValue() instanceof Number n) || n instanceof Double || n instanceof Float
                        || n instanceof java.math.BigDecimal || n.longValue() < 0
                        || n.longValue() > Currencies.maxAmount(currency)) {
                    throw ApiException.badRequest("Each threshold is a whole amount in the currency's minor units, 0 to "
                            + Currencies.maxAmount(currency) + " for " + currency + ".", param);
                }
                thresholds.put(currency, n.longValue());
            }
        }
        if (THRESHOLD.equals(u.mode()) && thresholds.isEmpty() && u.defaultThreshold() == null) {
            throw ApiException.badRequest("mode threshold needs thresholds or a default_threshold.", "thresholds");
        }
        return new ThreeDSecureSettings(u.mode(), u.defaultThreshold(), new LinkedHashMap<>(thresholds));
    }
}
