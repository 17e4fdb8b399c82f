package dev.payrail.connector.paypal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The PayPal connector. The API base URL and HTTP settings are those of its REST clients,
 * {@code quarkus.rest-client.paypal.*} (prod: PayPal; dev, test and sandbox: Payrail's own PayPal
 * emulator under {@code /sandbox/paypal}).
 */
@ConfigMapping(prefix = "payrail.paypal")
public interface PayPalConfig {

    /**
     * REST app client id of the platform account (per-merchant credentials come from
     * {@link PayPalCredentials}). Outside prod it defaults to the sandbox emulator's.
     */
    Optional<String> clientId();

    /** REST app client secret of the platform account. */
    Optional<String> clientSecret();

    /** Id of the webhook registered with PayPal; part of every webhook signature. */
    Optional<String> webhookId();

    /** A token is refreshed this long before PayPal says it expires. */
    @WithDefault("60s")
    Duration tokenRefreshMargin();

    /** Webhook transmissions older (or further in the future) than this are rejected. */
    @WithDefault("5m")
    Duration webhookTolerance();

    /**
     * Public base URL of Payrail, for the {@code return_url}/{@code cancel_url} PayPal sends the
     * payer back to after approval. Defaults to {@code http://localhost:<http port>}.
     */
    Optional<String> publicBaseUrl();

    /** Currencies the connector takes (PayPal's list of supported currencies). */
    @WithDefault("AUD,BRL,CAD,CHF,CNY,CZK,DKK,EUR,GBP,HKD,HUF,ILS,JPY,MXN,MYR,NOK,NZD,PHP,PLN,SEK,SGD,THB,TWD,USD")
    List<String> currencies();
}
