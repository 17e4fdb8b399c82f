package dev.payrail.connector.simulator;

/** Lets tests outside the package build a simulator without CDI. */
public final class SimulatorConnectorAccess {

    private SimulatorConnectorAccess() {
    }

    public static SimulatorConnector create(SimulatorConfig config) {
        SimulatorWebhookConfig webhooks = new SimulatorWebhookConfig() {
            @Override
            public String secret() {
                return "unit-test-simulator-secret";
            }

            @Override
            public boolean emitterEnabled() {
                return false;
            }
        };
        return new SimulatorConnector(config, new SimulatorWebhooks(webhooks));
    }
}
