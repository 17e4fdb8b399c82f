package dev.payrail.sandbox.wechatpay;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The WeChat Pay emulator: WeChat Pay's side of the sandbox account (the merchant's public key that
 * verifies its requests, its API v3 key that encrypts its notifications) and the platform key the
 * emulator signs with. More merchants are registered at run time ({@link WechatPaySandbox#register}).
 */
@ConfigMapping(prefix = "payrail.sandbox.wechatpay")
public interface WechatPaySandboxConfig {

    /** The sandbox merchant id. */
    Optional<String> mchid();

    Optional<String> appid();

    /** Serial of the sandbox merchant's API certificate ({@code serial_no} in its requests). */
    Optional<String> merchantSerialNo();

    /** The sandbox merchant's public key (verifies its request signatures). */
    Optional<String> merchantPublicKey();

    /** The sandbox merchant's API v3 key (encrypts its notification resources). */
    Optional<String> apiV3Key();

    /** The platform's private key: signs every answer and notification. */
    Optional<String> platformPrivateKey();

    /** Its serial, sent as {@code Wechatpay-Serial}. */
    @WithDefault("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
    String platformSerialNo();

    /** How long a refund stays {@code PROCESSING} before it succeeds (and notifies). */
    @WithDefault("2s")
    Duration refundDelay();

    /** Requests per second and merchant before {@code 429 FREQUENCY_LIMITED}. */
    @WithDefault("1000")
    int rateLimitPerSecond();

    /** Oldest request {@code timestamp} accepted in an {@code Authorization} header. */
    @WithDefault("5m")
    Duration signatureTolerance();
}
