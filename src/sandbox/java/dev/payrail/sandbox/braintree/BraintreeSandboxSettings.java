package dev.payrail.sandbox.braintree;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The emulator's current behaviour; {@code null} fields in an update keep their value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BraintreeSandboxSettings(Long latencyMs, Double unavailableRate, Double errorRate, Double lostResponseRate,
        String lostResponseMode, Long hangMs, String lostResponsePath, String settlement, Long settleAfterMs) {

    static BraintreeSandboxSettings of(BraintreeSandboxConfig c) {
        return new BraintreeSandboxSettings(c.latencyMs(), c.unavailableRate(), c.errorRate(), c.lostResponseRate(),
                c.lostResponseMode(), c.hangMs(), "", c.settlement(), c.settleAfterMs());
    }

    /**
     * Answers lost at {@code rate}, by {@code mode} ({@code reset} or {@code timeout}), of the
     * requests whose path ends with {@code path} ({@code "/transactions"}: sales, {@code "/refund"}:
     * refunds, {@code ""}: every request).
     */
    public static BraintreeSandboxSettings losing(double rate, String mode, String path) {
        return new BraintreeSandboxSettings(null, null, null, rate, mode, null, path, null, null);
    }

    /** Every request refused with {@code 503} at {@code rate}, before anything is processed. */
    public static BraintreeSandboxSettings unavailable(double rate) {
        return new BraintreeSandboxSettings(null, rate, null, null, null, null, null, null, null);
    }

    /** Every request answered {@code 500} at {@code rate}, before anything is processed. */
    public static BraintreeSandboxSettings failing(double rate) {
        return new BraintreeSandboxSettings(null, null, rate, null, null, null, null, null, null);
    }

    /** Settlement {@code immediate}, {@code delayed} (after {@code afterMs}) or {@code manual}. */
    public static BraintreeSandboxSettings settling(String mode, long afterMs) {
        return new BraintreeSandboxSettings(null, null, null, null, null, null, null, mode, afterMs);
    }

    BraintreeSandboxSettings merge(BraintreeSandboxSettings u) {
        return new BraintreeSandboxSettings(u.latencyMs != null ? u.latencyMs : latencyMs,
                u.unavailableRate != null ? u.unavailableRate : unavailableRate,
                u.errorRate != null ? u.errorRate : errorRate,
                u.lostResponseRate != null ? u.lostResponseRate : lostResponseRate,
                u.lostResponseMode != null ? u.lostResponseMode : lostResponseMode,
                u.hangMs != null ? u.hangMs : hangMs,
                u.lostResponsePath != null ? u.lostResponsePath : lostResponsePath,
                u.settlement != null ? u.settlement : settlement,
                u.settleAfterMs != null ? u.settleAfterMs : settleAfterMs);
    }

    /** Why these settings are invalid, or {@code null}. */
    String invalid() {
        if (!Set.of("timeout", "reset").contains(lostResponseMode)) {
            return "lost_response_mode must be timeout or reset";
        }
        if (!Set.of("immediate", "delayed", "manual").contains(settlement)) {
            return "settlement must be immediate, delayed or manual";
        }
        for (double rate : new double[] { unavailableRate, errorRate, lostResponseRate }) {
            if (rate < 0 || rate > 1) {
                return "rates are between 0 and 1";
            }
        }
        return latencyMs < 0 || hangMs < 0 || settleAfterMs < 0 ? "durations are not negative" : null;
    }
}
