package dev.payrail.sandbox.razorpay;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Razorpay emulator's start-up settings; {@code PUT /admin/v1/sandbox/razorpay/settings}
 * changes the behaviour at run time. Failure rates are probabilities per request, drawn in this
 * order: unavailable (503), server error (500) — both before anything is processed — then, after
 * processing, lost response.
 */
@ConfigMapping(prefix = "payrail.sandbox.razorpay")
public interface RazorpaySandboxConfig {

    /** The test-mode key pair the emulator accepts besides any other {@code rzp_test_…} id. */
    @WithDefault("rzp_test_payrailsandbox")
    String keyId();

    @WithDefault("payrail_sandbox_razorpay_key_secret")
    String keySecret();

    /** Fixed latency of every answer, in milliseconds. */
    @WithDefault("0")
    long latencyMs();

    @WithDefault("0")
    double unavailableRate();

    @WithDefault("0")
    double errorRate();

    /** Probability that a request is processed but its answer is lost. */
    @WithDefault("0")
    double lostResponseRate();

    /** How a response is lost: {@code timeout} (answer after hang-ms) or {@code reset} (connection closed). */
    @WithDefault("reset")
    String lostResponseMode();

    @WithDefault("30000")
    long hangMs();

    /** Where the emulator posts its signed events; none: no events are sent. */
    Optional<String> webhookUrl();

    /** The webhook secret the emulator signs with ({@code X-Razorpay-Signature}). */
    @WithDefault("payrail_sandbox_razorpay_webhook_secret")
    String webhookSecret();
}
