package dev.payrail.sandbox.stripe;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The emulator's current behaviour. Read per request from a volatile field, replaced as a whole at
 * run time; {@code null} fields in an update keep their value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StripeSandboxSettings(String latencyDistribution, Long latencyMs, Long latencyMaxMs,
        Double unavailableRate, Double errorRate, Double resetRate, Double timeoutRate, Double lostResponseRate,
        String lostResponseMode, Long hangMs, Double declineRate, Long seed) {

    static StripeSandboxSettings of(StripeSandboxConfig c) {
        return new StripeSandboxSettings(c.latencyDistribution(), c.latencyMs(), c.latencyMaxMs(), c.unavailableRate(),
                c.errorRate(), c.resetRate(), c.timeoutRate(), c.lostResponseRate(), c.lostResponseMode(), c.hangMs(),
                c.declineRate(), c.seed().isPresent() ? c.seed().getAsLong() : null);
    }

    StripeSandboxSettings merge(StripeSandboxSettings u) {
        return new StripeSandboxSettings(
                u.latencyDistribution != null ? u.latencyDistribution : latencyDistribution,
                u.latencyMs != null ? u.latencyMs : latencyMs,
                u.latencyMaxMs != null ? u.latencyMaxMs : latencyMaxMs,
                u.unavailableRate != null ? u.unavailableRate : unavailableRate,
                u.errorRate != null ? u.errorRate : errorRate,
                u.resetRate != null ? u.resetRate : resetRate,
                u.timeoutRate != null ? u.timeoutRate : timeoutRate,
                u.lostResponseRate != null ? u.lostResponseRate : lostResponseRate,
                u.lostResponseMode != null ? u.lostResponseMode : lostResponseMode,
                u.hangMs != null ? u.hangMs : hangMs,
                u.declineRate != null ? u.declineRate : declineRate,
                u.seed != null ? u.seed : seed);
    }

    /** Why these settings are invalid, or {@code null}. */
    String invalid() {
        if (!java.util.Set.of("fixed", "uniform", "exponential").contains(latencyDistribution)) {
            return "latency_distribution must be fixed, uniform or exponential";
        }
        if (!java.util.Set.of("timeout", "reset").contains(lostResponseMode)) {
            return "lost_response_mode must be timeout or reset";
        }
        for (Double rate : new Double[] { unavailableRate, errorRate, resetRate, timeoutRate, lostResponseRate, declineRate }) {
            if (rate < 0 || rate > 1) {
                return "rates are between 0 and 1";
            }
        }
        if (latencyMs < 0 || latencyMaxMs < 0 || hangMs < 0) {
            return "durations are not negative";
        }
        return null;
    }
}
