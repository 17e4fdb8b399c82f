package dev.payrail.connector;

import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The one way the orchestrator calls a connector: measures the latency, turns failures into
 * outcomes ({@link ConnectorFailures}) and feeds {@link ProviderHealth}. Never fails.
 */
@Singleton
public class ConnectorCalls {

    private static final Logger LOG = Logger.getLogger(ConnectorCalls.class);

    private final ProviderHealth health;

    ConnectorCalls(ProviderHealth health) {
        this.health = health;
    }

    /** A connector's answer and how long it took. */
    public record Timed(ConnectorResult result, int latencyMs) {
    }

    public Uni<Timed> call(PaymentConnector connector, String operation, String objectId,
            Supplier<Uni<ConnectorResult>> call) {
        long start = System.nanoTime();
        return Uni.createFrom().<ConnectorResult>deferred(call::get)
                .onFailure().recoverWithItem(t -> {
                    ConnectorResult r = ConnectorFailures.toResult(t);
                    LOG.warnf("%s %s of %s: %s (%s)", connector.name(), operation, objectId, r.outcome(), t.toString());
                    return r;
                })
                .map(r -> {
                    int ms = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
                    health.record(connector.name(), operation, r.outcome(), ms);
                    return new Timed(r == null ? ConnectorResult.unknown(null, "No answer.") : r, ms);
                });
    }
}
