package dev.payrail.connector.simulator;

import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The in-process simulator provider. The properties default to the environment variables of the
 * original gateway design ({@code CARD_SUCCESS_RATE}, {@code PROCESSING_DELAY_MIN}, ...), see
 * application.properties.
 */
@ConfigMapping(prefix = "payrail.simulator")
public interface SimulatorConfig {

    /** Probability that a card payment without a magic number succeeds. */
    @WithDefault("0.95")
    double cardSuccessRate();

    /** Probability that a UPI payment without a magic VPA succeeds. */
    @WithDefault("0.90")
    double upiSuccessRate();

    /** Lower bound of the simulated processing delay in milliseconds. */
    @WithDefault("0")
    long processingDelayMin();

    /** Upper bound of the simulated processing delay in milliseconds. */
    @WithDefault("0")
    long processingDelayMax();

    /** Deterministic mode: every payment without a magic value gets {@link #testPaymentSuccess()}. */
    @WithDefault("false")
    boolean testMode();

    /** In test mode: whether payments succeed. */
    @WithDefault("true")
    boolean testPaymentSuccess();

    /** In test mode: the processing delay in milliseconds. */
    @WithDefault("0")
    long testProcessingDelay();

    /** Seed of the random outcomes and delays, for repeatable runs. */
    OptionalLong seed();

    /** Base URL of the simulated challenge page; {@code payrail.public-base-url} (or this server) when absent. */
    Optional<String> challengeBaseUrl();
}
