package dev.payrail.connector.pagadito;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Pagadito connector. Pagadito's endpoint and HTTP settings are those of its REST client,
 * {@code quarkus.rest-client.pagadito.*} (the base up to {@code /apipg/charges.php}); fault tolerance
 * per the SmallRye keys of {@code PagaditoConnector/send}.
 */
@ConfigMapping(prefix = "payrail.pagadito")
public interface PagaditoConfig {

    /** The platform's Pagadito {@code uid} for merchants that stored none; only outside prod (sandbox account). */
    Optional<String> uid();

    /** The platform's web-service key, with {@link #uid()}. */
    Optional<String> wsk();

    /** Currencies routed to Pagadito (its library's {@code change_currency_*}: USD and six Central American ones). */
    @WithDefault("USD,GTQ,HNL,NIO,CRC,PAB,DOP")
    List<String> currencies();

    /** Smallest USD amount Pagadito takes, in cents (Pagadito refuses transactions under 1 USD). */
    @WithDefault("100")
    long minUsdAmount();

    /**
     * How long a payer has on Pagadito's page before the payment fails as {@code payment_expired}.
     * Pagadito itself expires an unfinished transaction after about 10 minutes.
     */
    @WithDefault("PT15M")
    Duration payerWindow();

    /** Base of the return page Payrail reports in {@code next_action.return_url}; empty: {@code payrail.public-base-url}. */
    Optional<String> publicBaseUrl();
}
