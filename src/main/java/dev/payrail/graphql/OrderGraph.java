package dev.payrail.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.payrail.common.ApiException;
import dev.payrail.common.Filters;
import dev.payrail.order.OrderStore;
import dev.payrail.order.OrderView;
import io.smallrye.mutiny.Uni;

/** Orders over GraphQL, read through {@link OrderStore} as the REST resource reads them. */
@GraphQLApi
public class OrderGraph {

    private final Resolvers resolvers;
    private final OrderStore orders;

    OrderGraph(Resolvers resolvers, OrderStore orders) {
        this.resolvers = resolvers;
        this.orders = orders;
    }

    @Query("order")
    @Description("The merchant's order with this id.")
    public Uni<OrderNode> order(@NonNull @Name("id") String id) {
        return resolvers.query("", merchant -> orders.find(merchant.id(), id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("order"))
                .map(o -> new OrderNode(OrderView.of(o))));
    }

    @Query("orders")
    @Description("The merchant's orders, newest first.")
    public Uni<@NonNull OrderConnection> orders(@Name("filter") Inputs.OrderFilter filter, @Name("first") Integer first,
            @Name("after") String after) {
        return resolvers.query("", merchant -> {
            int size = Connections.first(first);
            String cursor = Connections.after(after, "order_");
            Inputs.OrderFilter f = filter == null ? new Inputs.OrderFilter() : filter;
            if (f.status != null && !f.status.matches("created|attempted|paid")) {
                throw ApiException.badRequest("status must be one of created, attempted, paid.", "filter.status");
            }
            return orders.list(merchant.id(), f.status, Filters.instant(f.createdGte, "filter.created_gte"),
                    Filters.instant(f.createdLte, "filter.created_lte"), cursor, size + 1)
                    .map(rows -> new OrderConnection(Connections.page(rows, size, after,
                            o -> new OrderNode(OrderView.of(o)), OrderNode::id)));
        });
    }
}
