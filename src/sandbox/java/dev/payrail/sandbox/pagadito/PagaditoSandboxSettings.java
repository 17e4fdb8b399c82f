package dev.payrail.sandbox.pagadito;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The emulator's current behaviour; {@code null} fields in an update keep their value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PagaditoSandboxSettings(Long latencyMs, Double unavailableRate, Double lostResponseRate,
        String lostResponseMode, Long hangMs, String lostResponseOperation) {

    static PagaditoSandboxSettings of(PagaditoSandboxConfig c) {
        return new PagaditoSandboxSettings(c.latencyMs(), c.unavailableRate(), c.lostResponseRate(),
                c.lostResponseMode(), c.hangMs(), "");
    }

    /**
     * Answers lost at {@code rate}, by {@code mode} ({@code reset} or {@code timeout}), of the
     * requests of {@code operation} ({@code connect}, {@code exec_trans}, {@code get_status}; {@code ""}: all).
     */
    public static PagaditoSandboxSettings losing(double rate, String mode, String operation) {
        return new PagaditoSandboxSettings(null, null, rate, mode, null, operation);
    }

    PagaditoSandboxSettings merge(PagaditoSandboxSettings u) {
        return new PagaditoSandboxSettings(u.latencyMs != null ? u.latencyMs : latencyMs,
                u.unavailableRate != null ? u.unavailableRate : unavailableRate,
                u.lostResponseRate != null ? u.lostResponseRate : lostResponseRate,
                u.lostResponseMode != null ? u.lostResponseMode : lostResponseMode,
                u.hangMs != null ? u.hangMs : hangMs,
                u.lostResponseOperation != null ? u.lostResponseOperation : lostResponseOperation);
    }

    /** Why these settings are invalid, or {@code null}. */
    String invalid() {
        if (!Set.of("timeout", "reset").contains(lostResponseMode)) {
            return "lost_response_mode must be timeout or reset";
        }
        if (!Set.of("", "connect", "exec_trans", "get_status").contains(lostResponseOperation)) {
            return "lost_response_operation must be connect, exec_trans, get_status or empty";
        }
        for (double rate : new double[] { unavailableRate, lostResponseRate }) {
            if (rate < 0 || rate > 1) {
                return "rates are between 0 and 1";
            }
        }
        return latencyMs < 0 || hangMs < 0 ? "durations are not negative" : null;
    }
}
