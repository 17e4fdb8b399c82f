package dev.payrail.customer;

import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.connector.ConnectorCalls;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import io.smallrye.mutiny.Uni;

/**
 * Detaches saved methods at the provider that issued them, after Payrail detached them (from then on
 * Payrail never charges them, whatever the provider answers). A provider that cannot be reached leaves
 * the token attached there; it is logged for an operator, and Payrail still never uses it.
 */
@Singleton
public class SavedMethodDetacher {

    private static final Logger LOG = Logger.getLogger(SavedMethodDetacher.class);

    private final ConnectorRegistry connectors;
    private final ConnectorCalls calls;

    SavedMethodDetacher(ConnectorRegistry connectors, ConnectorCalls calls) {
        this.connectors = connectors;
        this.calls = calls;
    }

    /** Detaches {@code token} (issued by {@code provider} for the merchant) at the provider; never fails. */
    public Uni<Void> atProvider(String merchantId, String provider, String token, String providerCustomer, String id) {
        PaymentConnector connector = connectors.get(provider);
        if (connector == null || !connector.storesPaymentMethods()) {
            return Uni.createFrom().voidItem();
        }
        var request = new ConnectorRequests.Detach(token, providerCustomer, merchantId);
        return calls.call(connector, "detach_payment_method", id, () -> connector.detachPaymentMethod(request))
                .invoke(timed -> {
                    if (!timed.result().is(Outcome.SUCCEEDED)) {
                        LOG.warnf("payment method %s: %s did not detach it (%s %s); Payrail never charges it again",
                                id, provider, timed.result().outcome(), timed.result().errorCode());
                    }
                }).replaceWithVoid();
    }

    Uni<Void> atProvider(SavedMethod m) {
        return atProvider(m.merchantId(), m.provider(), m.providerToken(), m.providerCustomer(), m.id());
    }

    Uni<Void> atProvider(List<SavedMethod> methods) {
        if (methods.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(methods.stream().map(this::atProvider).toList()).andCollectFailures().replaceWithVoid();
    }
}
