package dev.payrail.checkout;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The hosted checkout and checkout.js. */
@ConfigMapping(prefix = "payrail.checkout")
public interface CheckoutConfig {

    /** Payment submissions per card fingerprint per {@link #window()} (against card testing). */
    @WithDefault("10")
    int cardAttempts();

    /** Payment submissions per client IP per {@link #window()} (against card testing). */
    @WithDefault("30")
    int ipAttempts();

    /** The window of {@link #cardAttempts()} and {@link #ipAttempts()}. */
    @WithDefault("1h")
    Duration window();

    /** How often the page asks for a payment's status while it waits (UPI collect, challenge, processing). */
    @WithDefault("1500ms")
    Duration pollInterval();
}
