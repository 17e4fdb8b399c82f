package dev.payrail.connector;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/** All connector beans, by provider name. */
@ApplicationScoped
public class ConnectorRegistry {

    private final Map<String, PaymentConnector> connectors = new TreeMap<>();

    ConnectorRegistry(@Any Instance<PaymentConnector> beans) {
        for (PaymentConnector c : beans) {
            connectors.put(c.name(), c);
        }
    }

    public PaymentConnector get(String name) {
        return connectors.get(name);
    }

    public Collection<PaymentConnector> all() {
        return connectors.values();
    }
}
