package dev.payrail.payment;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.payrail.common.ApiException;
import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.customer.Customer;
import dev.payrail.customer.CustomerStore;
import dev.payrail.customer.SavedMethod;
import dev.payrail.customer.SavedMethodDetacher;
import dev.payrail.customer.SavedMethodStore;
import io.smallrye.mutiny.Uni;

/**
 * Cards on file on the payment path, in three steps around the provider call:
 * <ol>
 * <li>{@link #resolve}: the customer and the saved method named by the request, the merchant's own
 * (anything else is {@code 404}, as if it did not exist), a saved method still attached;
 * <li>{@link #provider} and {@link #fitting}: a saved method is charged only at the provider that
 * issued its token (the only candidate: no failover can send the token elsewhere); a card to save
 * goes only to providers that store cards ({@link PaymentConnector#storesPaymentMethods()}), else {@code 400};
 * <li>{@link #recordSaved}: after a successful authorization, the token the provider saved becomes the
 * customer's method — or refreshes the method of the same card (same fingerprint) at that provider.
 * </ol>
 */
@Singleton
class OnFilePayments {

    private static final Logger LOG = Logger.getLogger(OnFilePayments.class);

    private final CustomerStore customers;
    private final SavedMethodStore methods;
    private final SavedMethodDetacher detacher;

    OnFilePayments(CustomerStore customers, SavedMethodStore methods, SavedMethodDetacher detacher) {
        this.customers = customers;
        this.methods = methods;
        this.detacher = detacher;
    }

    /** The request's card on file; {@code null} when it names neither a customer nor a saved method. */
    Uni<CardOnFile> resolve(String merchantId, PaymentInput in) {
        if (in.customer() == null && in.paymentMethod() == null) {
            return Uni.createFrom().nullItem();
        }
        Uni<SavedMethod> method = in.paymentMethod() == null ? Uni.createFrom().nullItem()
                : methods.find(merchantId, in.paymentMethod()).map(m -> {
                    if (m == null || in.customer() != null && !m.customerId().equals(in.customer())) {
                        throw new ApiException(404, "NOT_FOUND_ERROR", "No such payment_method.", "payment_method");
                    }
                    if (m.detached()) {
                        throw new ApiException(409, "INVALID_STATE", "The payment method " + m.id()
                                + " was detached; it is never charged again.", "payment_method")
                                .with("current_status", "detached");
                    }
                    return m;
                });
        return method.chain(m -> {
            String customerId = m != null ? m.customerId() : in.customer();
            return customers.find(merchantId, customerId).chain(c -> {
                if (c == null) {
                    throw m != null ? new ApiException(409, "INVALID_STATE", "The payment method " + m.id()
                            + " was detached; it is never charged again.", "payment_method").with("current_status", "detached")
                            : new ApiException(404, "NOT_FOUND_ERROR", "No such customer.", "customer");
                }
                Uni<Map<String, String>> providerCustomers = in.savePaymentMethod()
                        ? methods.providerCustomers(merchantId, c.id()) : Uni.createFrom().item(Map.of());
                return providerCustomers.map(pc -> new CardOnFile(c, m, in.savePaymentMethod(), in.offSession(), pc));
            });
        });
    }

    /** The provider the payment must go to: the issuer of a saved method's token, else the one the request names. */
    static String provider(PaymentInput in, CardOnFile onFile) {
        if (onFile == null || onFile.method() == null) {
            return in.provider();
        }
        String issuer = onFile.method().provider();
        if (in.provider() != null && !in.provider().equals(issuer)) {
            throw ApiException.badRequest("payment_method " + onFile.method().id() + " was saved at " + issuer
                    + " and is charged there only.", "provider");
        }
        return issuer;
    }

    /** The candidates that can take this card on file; {@code 400} when none can. */
    static List<PaymentConnector> fitting(CardOnFile onFile, List<PaymentConnector> candidates) {
        if (onFile == null || !onFile.callsOnFile()) {
            return candidates;
        }
        List<PaymentConnector> storing = candidates.stream().filter(PaymentConnector::storesPaymentMethods).toList();
        if (storing.isEmpty()) {
            String who = candidates.size() == 1 ? "Provider " + candidates.get(0).name() + " cannot"
                    : "No enabled provider for this payment can";
            throw ApiException.badRequest(who + " store cards for later payments: send the payment without "
                    + "save_payment_method, or enable a provider that saves cards.",
                    onFile.method() != null ? "payment_method" : "save_payment_method");
        }
        return storing;
    }

    /**
     * After the provider's answer: when it saved the card of a successful payment that asked for it,
     * stores the method (and links the payment to it). A token replaced by the same card's new one is
     * detached at the provider. Otherwise the payment as it is.
     */
    Uni<Payment> recordSaved(Payment p, PayerMethod payer, PaymentConnector connector,
            ConnectorRequests.SavedCard saved, ConnectorResult result) {
        CardOnFile onFile = payer.onFile();
        if (saved == null || onFile == null || !onFile.save() || payer.card() == null || !result.is(Outcome.SUCCEEDED)) {
            return Uni.createFrom().item(p);
        }
        var card = payer.card();
        var newCard = new SavedMethodStore.NewCard(connector.name(), saved.token(), saved.providerCustomer(),
                card.network().jsonName(), card.last4(), card.expiryMonth(), card.expiryYear(), card.fingerprint());
        Customer customer = onFile.customer();
        return methods.save(p.merchantId(), customer.id(), p.id(), newCard, Ids.newId("pm_"), PaymentStore.now())
                .chain(stored -> {
                    if (stored == null) {
                        LOG.infof("payment %s: customer %s was deleted meanwhile; the card is not saved", p.id(),
                                customer.id());
                        return detacher.atProvider(p.merchantId(), connector.name(), saved.token(),
                                saved.providerCustomer(), p.id()).replaceWith(p);
                    }
                    Payment linked = p.withPaymentMethod(stored.method().id());
                    if (stored.replacedToken() == null) {
                        return Uni.createFrom().item(linked);
                    }
                    return detacher.atProvider(p.merchantId(), connector.name(), stored.replacedToken(),
                            saved.providerCustomer(), stored.method().id()).replaceWith(linked);
                });
    }
}
