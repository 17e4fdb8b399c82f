package dev.payrail.connector.simulator;

/** Lets tests outside the package build a simulator without CDI. */
public final class SimulatorConnectorAccess {

    private SimulatorConnectorAccess() {
    }

    public static SimulatorConnector create(SimulatorConfig config) {
        return create(config, 10_000);
    }

    /** A simulator that remembers {@code rememberedPayments} payments per store. */
    public static SimulatorConnector create(SimulatorConfig config, int rememberedPayments) {
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
        return new SimulatorConnector(config, new SimulatorWebhooks(webhooks), rememberedPayments);
    }
}
