package dev.payrail.dashboard.cockpit;

import io.smallrye.mutiny.Uni;

/**
 * What the dashboard's test-mode cockpit asks of the sandbox providers. Implemented in the sandbox
 * flavour only (src/sandbox/java, not in the production jar): without an implementation the cockpit
 * offers no simulation and its simulation endpoints answer 404.
 */
public interface CockpitSimulations {

    /** A dispute the sandbox provider opened, and how Payrail received the provider's event. */
    record DisputeOpened(String providerDisputeId, String status, String eventId, String received) {
    }

    /** Whether disputes can be opened at the sandbox provider {@code provider} (a connector name). */
    boolean opensDisputes(String provider);

    /**
     * Opens a dispute of {@code amount} at the sandbox provider on the payment it knows as
     * {@code providerReference}; the provider sends its signed {@code dispute.created} webhook to
     * Payrail, which records the dispute, marks the payment disputed and tells the merchant.
     */
    Uni<DisputeOpened> openDispute(String provider, String providerReference, long amount, String reason);

    /**
     * A sandbox receiver that answers every webhook with {@code 500} and a body saying why: where the
     * first attempt of a simulated webhook failure goes.
     */
    String failingWebhookUrl();
}
