package dev.payrail.sandbox.razorpay;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The emulator's current behaviour; {@code null} fields in an update keep their value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RazorpaySandboxSettings(Long latencyMs, Double unavailableRate, Double errorRate, Double lostResponseRate,
        String lostResponseMode, Long hangMs, String lostResponsePath) {

    static RazorpaySandboxSettings of(RazorpaySandboxConfig c) {
        return new RazorpaySandboxSettings(c.latencyMs(), c.unavailableRate(), c.errorRate(), c.lostResponseRate(),
                c.lostResponseMode(), c.hangMs(), "");
    }

    /**
     * Answers lost at {@code rate}, by {@code mode} ({@code reset} or {@code timeout}), of the
     * requests whose path contains {@code path} ({@code ""}: every request).
     */
    public static RazorpaySandboxSettings losing(double rate, String mode, String path) {
        return new RazorpaySandboxSettings(null, null, null, rate, mode, null, path);
    }

    /** Every request refused with {@code 503} at {@code rate}, before anything is processed. */
    public static RazorpaySandboxSettings unavailable(double rate) {
        return new RazorpaySandboxSettings(null, rate, null, null, null, null, null);
    }

    RazorpaySandboxSettings merge(RazorpaySandboxSettings u) {
        return new RazorpaySandboxSettings(u.latencyMs != null ? u.latencyMs : latencyMs,
                u.unavailableRate != null ? u.unavailableRate : unavailableRate,
                u.errorRate != null ? u.errorRate : errorRate,
                u.lostResponseRate != null ? u.lostResponseRate : lostResponseRate,
                u.lostResponseMode != null ? u.lostResponseMode : lostResponseMode,
                u.hangMs != null ? u.hangMs : hangMs,
                u.lostResponsePath != null ? u.lostResponsePath : lostResponsePath);
    }

    /** Why these settings are invalid, or {@code null}. */
    String invalid() {
        if (!Set.of("timeout", "reset").contains(lostResponseMode)) {
            return "lost_response_mode must be timeout or reset";
        }
        for (double rate : new double[] { unavailableRate, errorRate, lostResponseRate }) {
            if (rate < 0 || rate > 1) {
                return "rates are between 0 and 1";
            }
        }
        return latencyMs < 0 || hangMs < 0 ? "durations are not negative" : null;
    }
}
