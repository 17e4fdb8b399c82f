package dev.payrail.sandbox.braintree;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Braintree emulator's start-up settings; {@code PUT /admin/v1/sandbox/braintree/settings}
 * changes the behaviour at run time. Failure rates are probabilities per request, drawn in this
 * order: unavailable (503), server error (500) — both before anything is processed — then, after
 * processing, lost response.
 */
@ConfigMapping(prefix = "payrail.sandbox.braintree")
public interface BraintreeSandboxConfig {

    /** The merchant id of the paths ({@code /merchants/{merchant_id}/…}). */
    @WithDefault("payrail_sandbox_merchant")
    String merchantId();

    @WithDefault("payrail_sandbox_public_key")
    String publicKey();

    @WithDefault("payrail_sandbox_braintree_private_key")
    String privateKey();

    /** The merchant accounts besides the default (USD) one and their currencies: {@code id:CUR} entries. */
    @WithDefault("payrail_sandbox_eur:EUR,payrail_sandbox_gbp:GBP,payrail_sandbox_jpy:JPY")
    List<String> merchantAccounts();

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

    /**
     * When a transaction submitted for settlement settles: {@code immediate} (right after the
     * answer), {@code delayed} (after settle-after-ms) or {@code manual} (through the admin API).
     */
    @WithDefault("delayed")
    String settlement();

    @WithDefault("5000")
    long settleAfterMs();

    /** Where the emulator posts its signed notifications; none: no notifications are sent. */
    Optional<String> webhookUrl();
}
