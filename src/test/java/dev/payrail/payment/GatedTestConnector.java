package dev.payrail.payment;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Operation;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentMethodType;
import io.smallrye.mutiny.Uni;

/**
 * A provider whose every call waits at a gate the test opens: the test knows the call has started
 * ({@link #awaitCall}), does what it wants meanwhile (closes the client's connection), then lets the
 * provider answer success ({@link Call#answer}).
 */
@ApplicationScoped
public class GatedTestConnector implements PaymentConnector {

    public static final String NAME = "test_gated";

    /** A call waiting at the gate: the operation and the object it is for. */
    public record Call(String operation, String objectId, CompletableFuture<Void> gate) {
        public void answer() {
            gate.complete(null);
        }
    }

    private final LinkedBlockingQueue<Call> waiting = new LinkedBlockingQueue<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethodType> methods() {
        return Set.of(PaymentMethodType.CARD);
    }

    @Override
    public Set<Operation> operations() {
        return Operation.all();
    }

    /** The next call that reached the provider. */
    public Call awaitCall(Duration within) throws InterruptedException {
        Call call = waiting.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (call == null) {
            throw new AssertionError("no provider call within " + within);
        }
        return call;
    }

    private Uni<ConnectorResult> gated(String operation, String objectId, ConnectorResult answer) {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        waiting.add(new Call(operation, objectId, gate));
        // A new future per subscriber: a cancelled subscription cannot complete or cancel the gate.
        return Uni.createFrom().emitter(e -> gate.whenComplete((v, t) -> e.complete(answer)));
    }

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize request) {
        return gated("authorize", request.paymentId(), ConnectorResult.succeeded("gated_" + request.idempotencyKey()));
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture request) {
        return gated("capture", request.paymentId(), ConnectorResult.succeeded(request.providerReference()));
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void request) {
        return gated("void", request.paymentId(), ConnectorResult.succeeded(request.providerReference()));
    }

    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund request) {
        return gated("refund", request.refundId(), ConnectorResult.succeeded(Ids.newId("gated_re_")));
    }

    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus request) {
        return Uni.createFrom().item(ConnectorResult.pending(request.refundProviderReference(), null));
    }

    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status request) {
        return Uni.createFrom().item(ConnectorResult.pending(request.providerReference(), null));
    }
}
