package dev.payrail.sandbox.airwallex;

/** The emulator's current failure behaviour, replaced as a whole at run time. */
public record AirwallexSandboxSettings(long latencyMs, double unavailableRate, double errorRate,
        double lostResponseRate, long hangMs) {

    static AirwallexSandboxSettings of(AirwallexSandboxConfig c) {
        return new AirwallexSandboxSettings(c.latencyMs(), c.unavailableRate(), c.errorRate(), c.lostResponseRate(),
                c.hangMs());
    }

    /** Why these settings are invalid, or {@code null}. */
    String invalid() {
        for (double rate : new double[] { unavailableRate, errorRate, lostResponseRate }) {
            if (rate < 0 || rate > 1) {
                return "rates are between 0 and 1";
            }
        }
        return latencyMs < 0 || hangMs < 0 ? "durations are not negative" : null;
    }
}
