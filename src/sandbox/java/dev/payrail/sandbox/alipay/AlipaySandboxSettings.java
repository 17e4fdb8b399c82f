package dev.payrail.sandbox.alipay;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The emulator's current behaviour; {@code null} fields in an update keep their value.
 * {@code lostResponseMethod} limits lost answers to methods containing it ({@code ""}: every method);
 * {@code dropNotifies} keeps every notify from being sent (a lost notification).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlipaySandboxSettings(Long latencyMs, Double unavailableRate, Double errorRate, Double lostResponseRate,
        String lostResponseMode, Long hangMs, String lostResponseMethod, Boolean dropNotifies) {

    static AlipaySandboxSettings of(AlipaySandboxConfig c) {
        return new AlipaySandboxSettings(c.latencyMs(), c.unavailableRate(), c.errorRate(), c.lostResponseRate(),
                c.lostResponseMode(), c.hangMs(), "", false);
    }

    /** Answers of the methods containing {@code method} lost at {@code rate}, by {@code mode}. */
    public static AlipaySandboxSettings losing(double rate, String mode, String method) {
        return new AlipaySandboxSettings(null, null, null, rate, mode, null, method, null);
    }

    /** Notifies are (not) sent. */
    public static AlipaySandboxSettings notifies(boolean dropped) {
        return new AlipaySandboxSettings(null, null, null, null, null, null, null, dropped);
    }

    AlipaySandboxSettings merge(AlipaySandboxSettings u) {
        return new AlipaySandboxSettings(u.latencyMs != null ? u.latencyMs : latencyMs,
                u.unavailableRate != null ? u.unavailableRate : unavailableRate,
                u.errorRate != null ? u.errorRate : errorRate,
                u.lostResponseRate != null ? u.lostResponseRate : lostResponseRate,
                u.lostResponseMode != null ? u.lostResponseMode : lostResponseMode,
                u.hangMs != null ? u.hangMs : hangMs,
                u.lostResponseMethod != null ? u.lostResponseMethod : lostResponseMethod,
                u.dropNotifies != null ? u.dropNotifies : dropNotifies);
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
