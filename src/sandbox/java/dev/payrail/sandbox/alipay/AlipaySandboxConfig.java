package dev.payrail.sandbox.alipay;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Alipay emulator's start-up settings; {@code PUT /admin/v1/sandbox/alipay/settings} changes the
 * behaviour at run time. The emulator knows one app out of the box (Payrail's sandbox app: its id,
 * the public half of its key pair, its seller id); others are registered through
 * {@code PUT /admin/v1/sandbox/alipay/apps/{appId}} as an app's public key is uploaded to Alipay's
 * console. It signs every answer and notify with its own "Alipay" private key, whose public half is
 * Payrail's configured {@code payrail.alipay.alipay-public-key}.
 */
@ConfigMapping(prefix = "payrail.sandbox.alipay")
public interface AlipaySandboxConfig {

    @WithDefault("2021000100000001")
    String appId();

    /** The sandbox app's public key (X.509, base64): verifies Payrail's request signatures. */
    @WithDefault("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv7dYApulFlpZLGVhKeZDq72fOgG06rZEntk9Id6WrXbNuabKwGqmfQIv87T5iHYJL2iCSCh6r5JMvZ3ubOgQPUrKAvzHSu1AdN1f2ohKwndxwWQhJi2M71pUzn0uXaIJ5RaDCisoSndxuDGn+DysPCA66Q2xuBkDYoNcmpxrfh8/nkPY8gF39ymYO1rWxNye69eLPOC7Uq7YYR9Ff8n7vt8NjhQh29p1e/qLck0K6C2SzvhodKiBeK3VGNWFx4wNonS43m5vfSk7je3NI+X7k4+yv4qgVjujIVfNYZ89pP+tRpBZIgdequgstHoCKnIi6m7eQmpUZgw0hZmpjrPPLwIDAQAB")
    String appPublicKey();

    @WithDefault("2088000100000001")
    String sellerId();

    /** The emulator's "Alipay" private key (PKCS#8, base64): signs answers and notifies. */
    @WithDefault("MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDZP+P5PDxkXNUiMiFk7vARb+okEhN4f9IhJX1TyurMg3V1D9KQECWrmZH7PwGU/v0Nyb2siNpqkjO9mzzM3Wm8YG1YZKO5NKFfuqkCOjg+eTLqflV1U5um5pcAI4KaYxKz3FfrPq/6V2HWNkKeiCg5q5DYKGpj5IKIK/yNTmmgk0fiLTw7OYbJZOtYSgJOVqs9xQf9D8iD3EEhRxOi2yB8+tI7xIFTJAlV6tzY6TZ+L2Y7BLDMYDbYGbVjTMLTHHN/SDK5C8DIfIh8zsgwxUmDy5dJrtrOba5HevOnSIzJGEm7ZWkiy6bHnJMXDf842u5V64GvJZ0gG8hqnvjjR5XXAgMBAAECggEAXRRZqZxcR6fajWcrFaKl6uKnT8MK4pLpRdhZJQCIrw0X0wrvbVftu+L1P89T7zF83F52TKjp48U2M+OCHkgzGEm8L6YW27An/+rqpJCrLmEhJoTwOm+S/eRICAAu4dTW24bpiFn4beroeS4QRvoROfw+984BH0F1h8BI2YYiDXCikLneM6j5r99mToOtbVs87gIuvnyR66ZSiMT4JhNmuWwAaqXnfhcZCnwVlw9Tc1EFKs/E78iIIJOE+wE2qpOWOmuOCZx/7OaUqnjHfKY7rUXFYy3hE9fHNh8pb1RbmkXzH9fP56cJtw3eCqjbO0i9LzJXXiX3piORDi4VODHXOQKBgQD2gFW2XSnTWEiNvqwXcD5jtc3SM3XRL/z1sl/Uiyvyvx42DYe525DB8MVYCHJ2VdFX/pfo7Da7yYZ6yI2CAG9ISOJ7MkBXhzqjzvy5iJGYiQjJXYBW4fUFEzVnbQ9OopO/5ZIOQl1iqdMi3fEptkezJ8OkSjORvVaLY45oB9lVWwKBgQDhnv7kMEAsb8wRw7hNj2rCb9vjaHlHCWa6XqI9V3Qg+rGbJPsIw5kDKpFdXPgCOUQq64nNipyYLRM8zlkpnNZjnsEHqiVbHE9mUvuDY4/DJTciC/0rynmQJGCJ3JMFEkp3v65AJBk+1jGeddxsJrO4afDrec/BvJTVcOd9UQzeNQKBgAkuZILjW3B0xFcLOAuzcY9zMRRYOFYvTGO2Xh1jhaKH/c8Tl++TPwQKPL93qRPBRIfbgrr5OVyrN+gQ2jxyWbK+jDj8eSsJbWS2i/E5Jfshd4NQiTwzNFYZDg8pH73VDl3CZjtDu4i2PJf63kWodWk13PKclOkjvTp53c8AI9crAoGAbDIXAc6xt52VOx+kjm0sQTnrNM6w+gPkI5OmMcxygC44ZbICQF2sTvxm4WLn/AkCS6LQXqUOG1viUdKSp4Xyuasz3j0V1O9qlCNPQd7I3khGfClLq2hZi2omcXY5esEevPZK1a95+8wz102l+qdEoDcNtZ6gpsOMjB6spEft59ECgYBuKH4WoZcuU/fFZHy2ZmaiqFUqaRDilYRvS7/IfQfngAKXZLVh9NAaStYimBDcALW+RsITycoffkcdIESqDxzYJKLo39RjMI3WTt6CGSVaUnBmFsqInmjkrA4WQ3WcKb9Xj4K7WGywBG1BFf+p1R8AubDEv4t06ugRE1UxCI73Ig==")
    String alipayPrivateKey();

    /** How far a request's {@code timestamp} may be from now. */
    @WithDefault("15m")
    Duration timestampTolerance();

    /**
     * When an unacknowledged notify is sent again (after the first, immediate try): Alipay's cadence
     * is about 4m, 10m, 10m, 1h, 2h, 6h, 15h.
     */
    @WithDefault("PT4M,PT10M,PT10M,PT1H,PT2H,PT6H,PT15H")
    List<Duration> notifyRetry();

    /** How long a precreated QR code lives when the request names no expiry (Alipay: 2 hours). */
    @WithDefault("2h")
    Duration defaultExpiry();

    @WithDefault("0")
    long latencyMs();

    /** Probability that a call answers {@code 20000} (service unavailable) before anything is processed. */
    @WithDefault("0")
    double unavailableRate();

    /** Probability that a call answers {@code 40004 ACQ.SYSTEM_ERROR} before anything is processed. */
    @WithDefault("0")
    double errorRate();

    /** Probability that a call is processed but its answer is lost. */
    @WithDefault("0")
    double lostResponseRate();

    /** {@code timeout} (answer after hang-ms) or {@code reset} (connection closed). */
    @WithDefault("reset")
    String lostResponseMode();

    @WithDefault("30000")
    long hangMs();
}
