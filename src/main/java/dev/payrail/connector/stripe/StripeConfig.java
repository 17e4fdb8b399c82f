package dev.payrail.connector.stripe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Stripe connector. Stripe's base URL and HTTP settings are those of its REST client,
 * {@code quarkus.rest-client.stripe.*}; fault tolerance is configured separately, per the
 * SmallRye keys of {@code StripeConnector/send} (see application.properties).
 */
@ConfigMapping(prefix = "payrail.stripe")
public interface StripeConfig {

    /** The {@code Stripe-Version} header. */
    @WithDefault("2026-07-29.dahlia")
    String apiVersion();

    /**
     * The platform's secret key, used for merchants that stored no Stripe credentials. Only set in
     * dev, test and sandbox (a sandbox key); in production every merchant brings its own.
     */
    Optional<String> secretKey();

    /** The webhook signing secret ({@code whsec_…}) used when a merchant stored none. */
    Optional<String> webhookSecret();

    /** Oldest {@code Stripe-Signature} timestamp accepted. */
    @WithDefault("5m")
    Duration webhookTolerance();

    /** Where Stripe sends the customer back after 3-D Secure ({@code return_url}). */
    @WithDefault("http://localhost:8080/checkout/return")
    String returnUrl();

    /** Currencies routed to Stripe (ISO 4217, upper case). */
    @WithDefault("USD,EUR,GBP,JPY,INR,CAD,AUD,CHF,SEK,NOK,DKK,PLN,CZK,SGD,HKD,NZD,MXN,BRL")
    List<String> currencies();

    /** Largest amount in minor units Stripe accepts (8 digits). */
    @WithDefault("99999999")
    long maxAmount();
}
