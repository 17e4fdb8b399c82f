package dev.payrail.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The provider emulators under {@code /sandbox/<provider>/…} (sandbox flavour and tests only). On in
 * dev, test and sandbox; off otherwise, where every {@code /sandbox/} path answers 404 (and a
 * production start with them present is refused anyway).
 */
@ConfigMapping(prefix = "payrail.sandbox")
public interface SandboxConfig {

    /** Serve the emulators. */
    @WithDefault("false")
    boolean enabled();

    /**
     * How many payments each in-process provider remembers — the simulator (sandbox flavour,
     * dev mode and tests), the Stripe and the PayPal emulators: each of their per-payment stores
     * ({@link Recent}) keeps this many entries and forgets the oldest inserted beyond. What a
     * forgotten payment gets is described on each provider and in docs/connectors.md ("The sandbox emulators").
     *
     * <p>Heap per remembered payment, measured with {@code Runtime} (used heap after GC, before and
     * after 100,000 payments of Payrail's own requests — authorize/create with card, then a full
     * refund — into stores of 50,000, so every store was full): simulator ~0.55 kB, Stripe
     * emulator ~3.9 kB (intent, saved idempotent answers with their request fingerprint, refund,
     * charge count), PayPal emulator ~4.3 kB (saved answers per request id, order with capture and
     * refund, charge counts). The default 2,000 thus holds ~1 MB (simulator), ~8 MB (Stripe),
     * ~9 MB (PayPal): ~18 MB with all three full, in a 128 MiB heap. At 500 payments/s it is a
     * few seconds of traffic; raise it when the heap allows and payments must be looked up later.
     */
    @WithDefault("2000")
    int rememberedPayments();
}
