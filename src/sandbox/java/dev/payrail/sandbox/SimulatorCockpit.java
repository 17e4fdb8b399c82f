package dev.payrail.sandbox;

import jakarta.inject.Singleton;

import dev.payrail.common.PublicBaseUrl;
import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.connector.simulator.SimulatorWebhookConfig;
import dev.payrail.dashboard.cockpit.CockpitSimulations;
import dev.payrail.sandbox.simulator.SimulatorDisputeDesk;
import io.smallrye.mutiny.Uni;

/**
 * The test-mode cockpit's simulations against the sandbox: disputes opened by the simulator's card
 * network ({@link SimulatorDisputeDesk}, as {@code POST /simulator/disputes} opens them) and the
 * failing receiver of {@link FailingWebhookReceiver} on this process's own address.
 */
@Singleton
public class SimulatorCockpit implements CockpitSimulations {

    private final SimulatorDisputeDesk disputes;
    private final SimulatorWebhookConfig simulator;
    private final SandboxConfig sandbox;

    SimulatorCockpit(SimulatorDisputeDesk disputes, SimulatorWebhookConfig simulator, SandboxConfig sandbox) {
        this.disputes = disputes;
        this.simulator = simulator;
        this.sandbox = sandbox;
    }

    @Override
    public boolean opensDisputes(String provider) {
        return simulator.emitterEnabled() && SimulatorConnector.NAME.equals(provider);
    }

    @Override
    public Uni<DisputeOpened> openDispute(String provider, String providerReference, long amount, String reason) {
        if (!opensDisputes(provider)) {
            return Uni.createFrom().failure(new IllegalArgumentException("no sandbox disputes at " + provider));
        }
        return disputes.open(providerReference, amount, reason, false)
                .map(s -> new DisputeOpened(s.disputeId(), s.status(), s.eventId(), s.received()));
    }

    @Override
    public String failingWebhookUrl() {
        return sandbox.enabled() ? PublicBaseUrl.local() + FailingWebhookReceiver.PATH : null;
    }
}
