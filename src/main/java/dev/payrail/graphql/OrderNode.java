package dev.payrail.graphql;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.payrail.order.OrderView;

/** An order: the REST {@link OrderView} in camelCase. */
@Type("Order")
public class OrderNode {

    private final OrderView view;

    OrderNode(OrderView view) {
        this.view = view;
    }

    public @NonNull String getId() {
        return view.id();
    }

    public @NonNull Long getAmount() {
        return view.amount();
    }

    public @NonNull String getCurrency() {
        return view.currency();
    }

    public String getReceipt() {
        return view.receipt();
    }

    public @NonNull List<@NonNull Entry> getNotes() {
        return Entry.of(view.notes(), Set.of());
    }

    @NonNull
    public String getStatus() {
        return view.status();
    }

    public @NonNull Integer getAttempts() {
        return view.attempts();
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
