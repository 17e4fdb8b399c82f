package dev.payrail.connector.wechatpay;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The WeChat Pay connector. The API's base URL and HTTP settings are those of its REST client,
 * {@code quarkus.rest-client.wechatpay.*}; fault tolerance per the SmallRye keys of
 * {@code WechatPayConnector/send}. The platform account ({@code mchid} ... {@code platform-serial-no})
 * serves merchants that stored no credentials: dev, test and sandbox only (the emulator's account).
 */
@ConfigMapping(prefix = "payrail.wechatpay")
public interface WechatPayConfig {

    /** The platform account's merchant id ({@code mchid}). */
    Optional<String> mchid();

    /** The platform account's app id ({@code appid}) bound to the merchant id. */
    Optional<String> appid();

    /** Serial number of the platform account's merchant API certificate ({@code serial_no} of requests). */
    Optional<String> merchantSerialNo();

    /** The platform account's merchant API private key (PKCS#8 PEM, or its base64 on one line). */
    Optional<String> privateKey();

    /** The platform account's API v3 key (32 characters): decrypts notification resources. */
    Optional<String> apiV3Key();

    /** WeChat Pay's public key (or platform certificate) that signs responses and notifications. */
    Optional<String> platformPublicKey();

    /** Its serial ({@code Wechatpay-Serial}: a certificate serial or a {@code PUB_KEY_ID_...}). */
    Optional<String> platformSerialNo();

    /**
     * How long a payer has to scan or finish the H5 page: {@code time_expire} of the order, and
     * {@link dev.payrail.connector.PaymentConnector#payerWindow()}.
     */
    @WithDefault("15m")
    Duration payerWindow();

    /** Oldest (and furthest future) {@code Wechatpay-Timestamp} accepted on a response or notification. */
    @WithDefault("5m")
    Duration signatureTolerance();

    /** Where WeChat Pay posts notifications ({@code notify_url} base); empty: {@code payrail.public-base-url}. */
    Optional<String> notifyBaseUrl();

    /** {@code scene_info.payer_client_ip} of H5 orders when the payer's address is not known. */
    @WithDefault("127.0.0.1")
    String payerClientIp();

    /** {@code description} of orders (WeChat shows it to the payer). */
    @WithDefault("Payrail payment")
    String description();

    /** Smallest amount routed to WeChat Pay, in fen. */
    @WithDefault("1")
    long minAmount();

    /** Largest amount routed to WeChat Pay, in fen. */
    @WithDefault("100000000")
    long maxAmount();
}
