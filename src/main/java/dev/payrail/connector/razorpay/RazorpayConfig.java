package dev.payrail.connector.razorpay;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Razorpay connector. Razorpay's base URL and HTTP settings are those of its REST client,
 * {@code quarkus.rest-client.razorpay.*}; fault tolerance per the SmallRye keys of
 * {@code RazorpayConnector/send}.
 */
@ConfigMapping(prefix = "payrail.razorpay")
public interface RazorpayConfig {

    /** The platform's key id ({@code rzp_test_…}) for merchants that stored none; only outside prod. */
    Optional<String> keyId();

    /** The platform's key secret, with {@link #keyId()}. */
    Optional<String> keySecret();

    /** The webhook secret of the platform's account ({@code POST /webhooks/razorpay}). */
    Optional<String> webhookSecret();

    /** Currencies routed to Razorpay (ISO 4217, upper case). */
    @WithDefault("INR")
    List<String> currencies();

    /** Smallest amount Razorpay takes, in paise (₹1). */
    @WithDefault("100")
    long minAmount();

    /** Largest amount routed to Razorpay, in paise. */
    @WithDefault("50000000")
    long maxAmount();

    /** {@code email} of the S2S payment create calls (Razorpay requires one; Payrail has no customer email). */
    @WithDefault("payments@payrail.dev")
    String customerEmail();

    /** {@code contact} of the S2S payment create calls. */
    @WithDefault("9000090000")
    String customerContact();

    /** {@code ip} of the S2S payment create calls. */
    @WithDefault("127.0.0.1")
    String customerIp();

    /** {@code user_agent} of the S2S payment create calls. */
    @WithDefault("Payrail")
    String userAgent();
}
