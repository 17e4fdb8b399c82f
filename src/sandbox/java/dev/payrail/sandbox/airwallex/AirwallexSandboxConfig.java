package dev.payrail.sandbox.airwallex;

import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Airwallex emulator's start-up settings ({@code payrail.sandbox.airwallex.*});
 * {@link AirwallexSandbox#update} changes the behaviour at run time. Failure rates are
 * probabilities per request: unavailable ({@code 503}) and server error ({@code 500}) before
 * anything is processed, then, after processing, lost response (the answer never arrives).
 */
@ConfigMapping(prefix = "payrail.sandbox.airwallex")
public interface AirwallexSandboxConfig {

    /** The {@code x-client-id} the emulator knows. */
    @WithDefault("payrail_sandbox_client")
    String clientId();

    /** Its {@code x-api-key}. */
    @WithDefault("payrail_sandbox_api_key")
    String apiKey();

    /** Latency of every answer in milliseconds. */
    @WithDefault("0")
    long latencyMs();

    @WithDefault("0")
    double unavailableRate();

    @WithDefault("0")
    double errorRate();

    @WithDefault("0")
    double lostResponseRate();

    /** How long a lost response hangs before the connection is closed, in milliseconds. */
    @WithDefault("30000")
    long hangMs();

    /** Bearer token lifetime in seconds (Airwallex: 30 minutes). */
    @WithDefault("1800")
    long tokenSeconds();

    /** How long a refund stays {@code RECEIVED} before it is {@code SETTLED}, in milliseconds. */
    @WithDefault("0")
    long refundSettleMs();

    OptionalLong seed();

    /** Where the emulator posts its signed events; none: no events are sent. */
    Optional<String> webhookUrl();

    /** The secret the emulator signs its events with. */
    @WithDefault("whsec_payrail_sandbox_airwallex")
    String webhookSecret();
}
