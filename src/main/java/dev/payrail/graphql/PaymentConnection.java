package dev.payrail.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page of payments, Relay-style: newest first; pass {@code pageInfo.endCursor} as {@code after} for the next. */
@Type("PaymentConnection")
public class PaymentConnection {

    private final Connections.Page<PaymentNode> page;

    PaymentConnection(Connections.Page<PaymentNode> page) {
        this.page = page;
    }

    public @NonNull List<@NonNull PaymentEdge> getEdges() {
        return page.nodes().stream().map(PaymentEdge::new).toList();
    }

    public @NonNull List<@NonNull PaymentNode> getNodes() {
        return page.nodes();
    }

    public @NonNull PageInfo getPageInfo() {
        return page.pageInfo();
    }

    /** One payment and its cursor. */
    @Type("PaymentEdge")
    public static class PaymentEdge {

        private final PaymentNode node;

        PaymentEdge(PaymentNode node) {
            this.node = node;
        }

        public @NonNull String getCursor() {
            return node.id();
        }

        public @NonNull PaymentNode getNode() {
            return node;
        }
    }
}
