package dev.payrail.connector.simulator;

/** Lets tests outside the package build a simulator without CDI. */
public final class SimulatorConnectorAccess {

    private SimulatorConnectorAccess() {
    }

    public static SimulatorConnector create(SimulatorConfig config) {
        return new SimulatorConnector(config);
    }
}
