package dev.payrail.connector.airwallex;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Airwallex connector. The base URL and HTTP settings are those of its REST client,
 * {@code quarkus.rest-client.airwallex.*}; fault tolerance is configured per the SmallRye keys of
 * {@code AirwallexConnector/send} (see application.properties).
 */
@ConfigMapping(prefix = "payrail.airwallex")
public interface AirwallexConfig {

    /** The platform's {@code x-client-id}, used for merchants that stored none (dev, test, sandbox only). */
    Optional<String> clientId();

    /** The platform's {@code x-api-key}, with {@link #clientId()}. */
    Optional<String> apiKey();

    /** The webhook secret of the platform's account ({@code POST /webhooks/airwallex}). */
    Optional<String> webhookSecret();

    /** Oldest {@code x-timestamp} accepted on a webhook (and how far in the future). */
    @WithDefault("5m")
    Duration webhookTolerance();

    /** Where Airwallex sends the customer back after 3-D Secure ({@code return_url}). */
    @WithDefault("http://localhost:8080/checkout/return")
    String returnUrl();

    /** Currencies routed to Airwallex (ISO 4217, upper case). */
    @WithDefault("USD,EUR,GBP,AUD,NZD,SGD,HKD,JPY,CNY,CAD,CHF")
    List<String> currencies();

    /** Renew the bearer token this long before its {@code expires_at}. */
    @WithDefault("60s")
    Duration tokenRenewBefore();
}
