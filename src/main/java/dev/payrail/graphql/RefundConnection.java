package dev.payrail.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page of refunds, Relay-style: newest first; pass {@code pageInfo.endCursor} as {@code after} for the next. */
@Type("RefundConnection")
public class RefundConnection {

    private final Connections.Page<RefundNode> page;

    RefundConnection(Connections.Page<RefundNode> page) {
        this.page = page;
    }

    public @NonNull List<@NonNull RefundEdge> getEdges() {
        return page.nodes().stream().map(RefundEdge::new).toList();
    }

    public @NonNull List<@NonNull RefundNode> getNodes() {
        return page.nodes();
    }

    public @NonNull PageInfo getPageInfo() {
        return page.pageInfo();
    }

    /** One refund and its cursor. */
    @Type("RefundEdge")
    public static class RefundEdge {

        private final RefundNode node;

        RefundEdge(RefundNode node) {
            this.node = node;
        }

        public @NonNull String getCursor() {
            return node.id();
        }

        public @NonNull RefundNode getNode() {
            return node;
        }
    }
}
