package dev.payrail.sandbox.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.connector.simulator.SimulatorConnector;
import dev.payrail.connector.simulator.SimulatorDisputes;
import dev.payrail.connector.simulator.SimulatorWebhooks;
import dev.payrail.webhook.inbound.InboundWebhookService;
import io.smallrye.mutiny.Uni;

/**
 * The card network behind the simulator: opens and decides disputes ({@link SimulatorDisputes}) and
 * sends each change as the simulator's signed {@code dispute.*} webhook through Payrail's inbound
 * webhook service, as a real provider would. Used by {@code POST /simulator/disputes} and by the
 * dashboard's test-mode cockpit.
 */
@Singleton
public class SimulatorDisputeDesk {

    /** A dispute after the change, and how Payrail received the event about it. */
    public record Sent(String disputeId, String status, String eventId, String received) {
    }

    private final SimulatorWebhooks webhooks;
    private final InboundWebhookService inbound;

    SimulatorDisputeDesk(SimulatorWebhooks webhooks, InboundWebhookService inbound) {
        this.webhooks = webhooks;
        this.inbound = inbound;
    }

    /** Opens a dispute (or an inquiry) on the payment the simulator knows as {@code reference}. */
    public Uni<Sent> open(String reference, Long amount, String reason, boolean inquiry) {
        return send("dispute.created", webhooks.disputes().open(reference, amount, reason, inquiry));
    }

    /** Decides an open dispute; {@code null} item when the simulator has no such open dispute. */
    public Uni<Sent> close(String disputeId, boolean won) {
        SimulatorDisputes.Reported r = webhooks.disputes().close(disputeId, won);
        return r == null ? Uni.createFrom().nullItem() : send("dispute.closed", r);
    }

    private Uni<Sent> send(String type, SimulatorDisputes.Reported r) {
        SimulatorWebhooks.Signed signed = webhooks.signDispute(type, r, Instant.now());
        Map<String, String> headers = Map.of(SimulatorWebhooks.HEADER.toLowerCase(), signed.signatureHeader(),
                "content-type", "application/json");
        return inbound.receive(SimulatorConnector.NAME, headers, signed.body().getBytes(StandardCharsets.UTF_8))
                .map(receipt -> new Sent(r.dispute().id(), r.dispute().status(), receipt.eventId(), receipt.status()));
    }
}
