package dev.payrail.idempotency;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Operation;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentMethodType;
import io.smallrye.mutiny.Uni;

/** A provider that is always down (connection refused): payments through it fail with 503. */
@ApplicationScoped
public class UnavailableTestConnector implements PaymentConnector {

    public static final String NAME = "test_unavailable";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethodType> methods() {
        return Set.of(PaymentMethodType.UPI);
    }

    private static Uni<ConnectorResult> down() {
        return Uni.createFrom().item(ConnectorResult.notSent("connection refused"));
    }

    @Override
    public Set<Operation> operations() {
        return Operation.all();
    }

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize request) {
        return down();
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture request) {
        return down();
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void request) {
        return down();
    }

    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund request) {
        return down();
    }

    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus request) {
        return down();
    }

    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status request) {
        return down();
    }
}
