package dev.payrail.connector.banktransfer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Operation;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentStage;
import dev.payrail.money.Currencies;
import dev.payrail.connector.PaymentMethodType;
import io.smallrye.mutiny.Uni;

/**
 * Manual bank transfer: the customer pays to the collection account with a unique reference; the
 * payment stays {@code processing} until an operator confirms the money arrived (admin API).
 */
@Singleton
public class BankTransferConnector implements PaymentConnector {

    public static final String NAME = "bank_transfer";

    private final BankTransferConfig config;

    BankTransferConnector(BankTransferConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethodType> methods() {
        return Set.of(PaymentMethodType.BANK_TRANSFER);
    }

    /**
     * A transfer is authorized and captured in one (the money arrives, an operator confirms it):
     * there is nothing to capture or void and no one to ask for its status, and refunds are paid
     * out by hand outside Payrail, so the API answers 422 for them before anything is reserved.
     */
    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.AUTHORIZE);
    }

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize request) {
        String reference = "PRL-" + Ids.random(10).toUpperCase();
        Map<String, Object> instructions = new LinkedHashMap<>();
        instructions.put("type", "bank_transfer");
        instructions.put("account_name", config.accountName());
        instructions.put("iban", config.iban());
        instructions.put("bic", config.bic());
        instructions.put("reference", reference);
        instructions.put("amount", Currencies.formatMajor(request.amount(), request.currency()));
        instructions.put("currency", request.currency());
        instructions.put("expires_at", Instant.now().plus(config.validDays(), ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        return Uni.createFrom().item(ConnectorResult.pending(reference, instructions));
    }

    /** Not offered ({@link #operations()}): nothing is ever captured by a call. */
    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture request) {
        return Uni.createFrom().item(ConnectorResult.declined(request.providerReference(), "operation_not_supported", null,
                "Bank transfers are not captured; an operator confirms the money arrived."));
    }

    /** Not offered ({@link #operations()}): a transfer cannot be voided. */
    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void request) {
        return Uni.createFrom().item(ConnectorResult.declined(request.providerReference(), "operation_not_supported", null,
                "A bank transfer cannot be voided."));
    }

    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund request) {
        return Uni.createFrom().item(ConnectorResult.declined(null, "operation_not_supported", null,
                "Bank transfer refunds are paid out by hand."));
    }

    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus request) {
        return Uni.createFrom().item(ConnectorResult.noRecord("Bank transfer refunds are paid out by hand."));
    }

    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status request) {
        return Uni.createFrom().item(ConnectorResult.pending(request.providerReference(), null).at(PaymentStage.PENDING));
    }
}
