package dev.payrail.connector.alipay;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Alipay connector. The gateway's base URL and HTTP settings are those of its REST client,
 * {@code quarkus.rest-client.alipay.*} (the gateway is {@code <url>/gateway.do}); fault tolerance per
 * the SmallRye keys of {@code AlipayConnector/send}.
 */
@ConfigMapping(prefix = "payrail.alipay")
public interface AlipayConfig {

    /** The platform's app id, for merchants that stored none (dev, test and sandbox only). */
    Optional<String> appId();

    /** The platform app's private key (PKCS#8, PEM or bare base64), with {@link #appId()}. */
    Optional<String> privateKey();

    /** The Alipay public key of the platform app (X.509 SubjectPublicKeyInfo, PEM or bare base64). */
    Optional<String> alipayPublicKey();

    /** The platform account's seller id (PID, {@code 2088…}); when set, notifies must name it. */
    Optional<String> sellerId();

    /**
     * How long the payer has to scan or pay: sent to Alipay as {@code time_expire}; the reconciler
     * closes the trade and fails the payment as {@code payment_expired} once it has passed.
     */
    @WithDefault("15m")
    Duration payerWindow();

    /** Oldest {@code notify_time} of an asynchronous notify accepted (and how far in the future). */
    @WithDefault("15m")
    Duration notifyTolerance();

    /** The {@code subject} of every trade (Alipay requires one; shown to the payer). */
    @WithDefault("Payrail payment")
    String subject();

    /** Smallest amount routed to Alipay, in fen (0.01 CNY, Alipay's minimum). */
    @WithDefault("1")
    long minAmount();

    /** Largest amount routed to Alipay, in fen (Alipay's per-trade ceiling is 100,000,000.00 CNY). */
    @WithDefault("10000000000")
    long maxAmount();

    /**
     * Base URL of the pages Payrail hands out (the notify URL and the page-pay return page); empty:
     * {@code payrail.public-base-url}.
     */
    Optional<String> publicBaseUrl();
}
