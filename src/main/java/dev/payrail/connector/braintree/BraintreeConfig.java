package dev.payrail.connector.braintree;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Braintree connector. The gateway's base URL and HTTP settings are those of its REST client,
 * {@code quarkus.rest-client.braintree.*}; fault tolerance per the SmallRye keys of
 * {@code BraintreeConnector/send}.
 */
@ConfigMapping(prefix = "payrail.braintree")
public interface BraintreeConfig {

    /** The platform's merchant id, for merchants that stored none (dev, test and sandbox only). */
    Optional<String> merchantId();

    /** The platform's public key, with {@link #merchantId()}; also names the webhook signature pair. */
    Optional<String> publicKey();

    /** The platform's private key, with {@link #publicKey()}; keys the webhook HMAC. */
    Optional<String> privateKey();

    /**
     * The platform account's merchant accounts per currency ({@code EUR=acct_eur,GBP=acct_gbp}), for
     * merchants that stored none; a currency without one is charged only when it is
     * {@link #defaultCurrency()}.
     */
    Optional<String> merchantAccountIds();

    /** The currency of the platform account's default merchant account. */
    @WithDefault("USD")
    String defaultCurrency();

    /** Oldest notification {@code timestamp} accepted on a webhook (and how far in the future). */
    @WithDefault("5m")
    Duration webhookTolerance();

    /** Currencies routed to Braintree (ISO 4217, upper case): those of the merchant accounts. */
    @WithDefault("USD,EUR,GBP,AUD,CAD,NZD,SGD,HKD,JPY,CHF,SEK,NOK,DKK,PLN")
    List<String> currencies();

    /** Smallest amount routed to Braintree, in minor units. */
    @WithDefault("1")
    long minAmount();

    /** Largest amount routed to Braintree, in minor units. */
    @WithDefault("100000000")
    long maxAmount();
}
