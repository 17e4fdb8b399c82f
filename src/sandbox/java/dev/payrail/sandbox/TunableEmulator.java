package dev.payrail.sandbox;

/**
 * An emulator whose latency and failure injection an operator changes at run time
 * ({@link EmulatorSettingsResource}).
 *
 * @param <S> its settings, every field optional in an update
 */
public interface TunableEmulator<S> {

    /** The settings it applies now. */
    S settings();

    /** Applies a partial update; returns why the result would be invalid (nothing applied), or {@code null}. */
    String update(S update);

    /** Back to the configured settings. */
    void resetSettings();
}
