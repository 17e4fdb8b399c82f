package dev.payrail.payment;

import java.util.Map;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.customer.Customer;
import dev.payrail.customer.SavedMethod;

/**
 * A payment's card on file, resolved: the merchant's customer, the saved method it charges
 * ({@code null}: none), whether it saves its card, whether it is merchant-initiated, and the
 * provider's customer of the customer at each provider (where one exists).
 */
record CardOnFile(Customer customer, SavedMethod method, boolean save, boolean offSession,
        Map<String, String> providerCustomers) {

    /** Whether the provider is called with the card on file (a save, or a saved method); else a plain authorization. */
    boolean callsOnFile() {
        return save || method != null;
    }

    ConnectorRequests.OnFile request(String provider) {
        String providerCustomer = method != null ? method.providerCustomer() : providerCustomers.get(provider);
        return new ConnectorRequests.OnFile(customer.id(), customer.email(), providerCustomer, save,
                method == null ? null : method.providerToken(), offSession);
    }

    @Override
    public String toString() {
        return "CardOnFile[" + customer.id() + ", " + (method == null ? "-" : method.id()) + (save ? ", save" : "")
                + (offSession ? ", off_session" : "") + "]";
    }
}
