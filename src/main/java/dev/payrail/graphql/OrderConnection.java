package dev.payrail.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page of orders, Relay-style: newest first; pass {@code pageInfo.endCursor} as {@code after} for the next. */
@Type("OrderConnection")
public class OrderConnection {

    private final Connections.Page<OrderNode> page;

    OrderConnection(Connections.Page<OrderNode> page) {
        this.page = page;
    }

    public @NonNull List<@NonNull OrderEdge> getEdges() {
        return page.nodes().stream().map(OrderEdge::new).toList();
    }

    public @NonNull List<@NonNull OrderNode> getNodes() {
        return page.nodes();
    }

    public @NonNull PageInfo getPageInfo() {
        return page.pageInfo();
    }

    /** One order and its cursor. */
    @Type("OrderEdge")
    public static class OrderEdge {

        private final OrderNode node;

        OrderEdge(OrderNode node) {
            this.node = node;
        }

        public @NonNull String getCursor() {
            return node.id();
        }

        public @NonNull OrderNode getNode() {
            return node;
        }
    }
}
