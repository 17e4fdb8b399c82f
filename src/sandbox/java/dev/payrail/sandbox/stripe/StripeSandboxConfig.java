package dev.payrail.sandbox.stripe;

import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Stripe emulator's start-up settings; {@code PUT /admin/v1/sandbox/stripe/settings} changes
 * them at run time. Failure rates are probabilities per request, drawn in this order: unavailable
 * (503), server error (500), reset, timeout — all before anything is processed and never saved for
 * idempotent replay — then, after processing, lost response.
 */
@ConfigMapping(prefix = "payrail.sandbox.stripe")
public interface StripeSandboxConfig {

    /** {@code fixed}, {@code uniform} (between latency-ms and latency-max-ms) or {@code exponential} (mean latency-ms, capped at latency-max-ms). */
    @WithDefault("fixed")
    String latencyDistribution();

    /** Fixed latency, lower bound (uniform) or mean (exponential), in milliseconds. */
    @WithDefault("0")
    long latencyMs();

    /** Upper bound of the latency in milliseconds. */
    @WithDefault("0")
    long latencyMaxMs();

    /** Probability of {@code 503} with nothing processed. */
    @WithDefault("0")
    double unavailableRate();

    /** Probability of {@code 500 api_error} with nothing processed. */
    @WithDefault("0")
    double errorRate();

    /** Probability that the connection is reset before anything is processed. */
    @WithDefault("0")
    double resetRate();

    /** Probability that the request hangs for hang-ms with nothing processed. */
    @WithDefault("0")
    double timeoutRate();

    /** Probability that the request is processed (and saved for idempotent replay) but its response is lost. */
    @WithDefault("0")
    double lostResponseRate();

    /** How a response is lost: {@code timeout} (answer after hang-ms) or {@code reset} (connection closed). */
    @WithDefault("timeout")
    String lostResponseMode();

    /** How long a hanging request waits, in milliseconds. */
    @WithDefault("30000")
    long hangMs();

    /** Probability that a card without a magic number is declined ({@code generic_decline}). */
    @WithDefault("0")
    double declineRate();

    /** Seed of the random draws, for repeatable runs. */
    OptionalLong seed();

    /**
     * Where the emulator posts the events of its own account ({@link #platformKey()}), signed like
     * Stripe's, as if the endpoint were set up in Stripe's dashboard; none: no such events are sent.
     * Other accounts' events go only to the endpoints they create with {@code POST /v1/webhook_endpoints}.
     */
    Optional<String> webhookUrl();

    /** The secret key of the account whose events go to {@link #webhookUrl()}: the platform's sandbox key. */
    @WithDefault("sk_test_payrail_sandbox")
    String platformKey();

    /** The signing secret of the emulator's events. */
    @WithDefault("whsec_payrail_sandbox_stripe_signing_secret")
    String webhookSecret();
}
