package dev.payrail.sandbox.pagadito;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Pagadito emulator's start-up settings; {@code PUT /admin/v1/sandbox/pagadito/settings}
 * changes the failure behaviour at run time, {@code PUT /admin/v1/sandbox/pagadito/accounts/{uid}}
 * adds merchant accounts (their wsk and the return URL of their "panel").
 */
@ConfigMapping(prefix = "payrail.sandbox.pagadito")
public interface PagaditoSandboxConfig {

    /** The sandbox account every dev/test/sandbox Payrail uses when a merchant stored no credentials. */
    @WithDefault("payrail_sandbox_pagadito_uid")
    String uid();

    @WithDefault("payrail_sandbox_pagadito_wsk")
    String wsk();

    /**
     * The sandbox account's return URL as set in Pagadito's panel, with {@code {value}} (the transaction
     * token) and {@code {ern_value}}; a path is taken on the emulator's own host.
     */
    @WithDefault("/pagadito/return?token={value}&ern={ern_value}")
    String returnUrl();

    /** Minutes a payer has on the payer page before Pagadito marks the transaction EXPIRED (Pagadito: 10). */
    @WithDefault("10")
    long payerMinutes();

    /** Fixed latency of every answer, in milliseconds. */
    @WithDefault("0")
    long latencyMs();

    /** Probability that a request is refused with 503 before anything is processed. */
    @WithDefault("0")
    double unavailableRate();

    /** Probability that a request is processed but its answer is lost. */
    @WithDefault("0")
    double lostResponseRate();

    /** How a response is lost: {@code timeout} (answer after hang-ms) or {@code reset} (connection closed). */
    @WithDefault("timeout")
    String lostResponseMode();

    @WithDefault("30000")
    long hangMs();
}
