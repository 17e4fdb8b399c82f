package dev.payrail.graphql;

import java.time.Instant;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.payrail.refund.RefundView;

/** A refund: the REST {@link RefundView} in camelCase. */
@Type("Refund")
public class RefundNode {

    private final RefundView view;

    RefundNode(RefundView view) {
        this.view = view;
    }

    public @NonNull String getId() {
        return view.id();
    }

    public @NonNull String getPaymentId() {
        return view.paymentId();
    }

    public @NonNull Long getAmount() {
        return view.amount();
    }

    public @NonNull String getCurrency() {
        return view.currency();
    }

    public @NonNull String getStatus() {
        return view.status();
    }

    public String getReason() {
        return view.reason();
    }

    public String getProviderReference() {
        return view.providerReference();
    }

    public String getErrorCode() {
        return view.errorCode();
    }

    public String getErrorDescription() {
        return view.errorDescription();
    }

    public @NonNull Instant getCreatedAt() {
        return view.createdAt();
    }

    public @NonNull Instant getUpdatedAt() {
        return view.updatedAt();
    }

    String id() {
        return view.id();
    }
}
