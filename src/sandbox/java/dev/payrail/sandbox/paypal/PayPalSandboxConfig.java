package dev.payrail.sandbox.paypal;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The PayPal sandbox emulator under {@code /sandbox/paypal} (not in prod builds). Its credentials
 * default to the connector's sandbox defaults, so dev and tests work without configuration.
 */
@ConfigMapping(prefix = "payrail.sandbox.paypal")
public interface PayPalSandboxConfig {

    /** The REST app client id the emulator accepts. */
    @WithDefault("payrail-sandbox-client")
    String clientId();

    /** The REST app client secret the emulator accepts. */
    @WithDefault("payrail-sandbox-secret")
    String clientSecret();

    /** The id of the one webhook the emulator signs for. */
    @WithDefault("WHPAYRAILSANDBOX0001")
    String webhookId();

    /** Lifetime of issued access tokens ({@code expires_in}). */
    @WithDefault("9h")
    Duration tokenTtl();

    /** Fixed latency added to every API call (lower bound when {@link #latencyMax()} is larger). */
    @WithDefault("0ms")
    Duration latencyMin();

    /** Upper bound of a uniformly distributed latency. */
    @WithDefault("0ms")
    Duration latencyMax();

    /** Probability that an API call fails with 500 INTERNAL_SERVER_ERROR before anything is processed. */
    @WithDefault("0")
    double errorRate();

    /** Probability that an API call fails with 503 SERVICE_UNAVAILABLE before anything is processed. */
    @WithDefault("0")
    double unavailableRate();

    /** Probability that an API call hangs for {@link #hangFor()} without being processed. */
    @WithDefault("0")
    double timeoutRate();

    /** Probability that an API call is processed but its answer is lost (hangs for {@link #hangFor()}). */
    @WithDefault("0")
    double lostResponseRate();

    /** How long a timed-out or lost call hangs before the emulator gives up with 504. */
    @WithDefault("30s")
    Duration hangFor();

    /** Seed of latency and failure injection, for repeatable runs. */
    OptionalLong seed();

    /** Where the emulator posts its signed webhook events (disputes): a URL, or a path on this server; none: no events are sent. */
    Optional<String> webhookUrl();
}
