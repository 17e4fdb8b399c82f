package dev.payrail.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.payrail.common.ApiException;
import dev.payrail.refund.CreateRefundRequest;
import dev.payrail.refund.RefundFlow;
import dev.payrail.refund.RefundStore;
import dev.payrail.refund.RefundView;
import io.smallrye.mutiny.Uni;

/** Refunds over GraphQL, through {@link RefundFlow} and {@link RefundStore} as the REST resources. */
@GraphQLApi
public class RefundGraph {

    private final Resolvers resolvers;
    private final RefundFlow flow;
    private final RefundStore refunds;

    RefundGraph(Resolvers resolvers, RefundFlow flow, RefundStore refunds) {
        this.resolvers = resolvers;
        this.flow = flow;
        this.refunds = refunds;
    }

    @Mutation("refundPayment")
    @Description("Refunds all that is left (no amount) or part of a captured payment (REST: POST "
            + "/api/v1/payments/{id}/refunds). The refunds never add up to more than was captured.")
    public Uni<@NonNull RefundNode> refundPayment(@NonNull @Name("paymentId") String paymentId,
            @Name("amount") @Description("Minor units as a string of digits; absent: what is left to refund.") String amount,
            @Name("reason") String reason) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("payment_id", paymentId);
        args.put("amount", amount);
        args.put("reason", reason);
        return resolvers.mutate("refundPayment", null, "", args, RefundView.class,
                (merchant, keyed) -> flow.create(merchant.id(), paymentId,
                        new CreateRefundRequest(Amounts.parse(amount, "amount"), reason),
                        keyed.key(), keyed.fingerprint()).map(RefundView::of))
                .map(RefundNode::new);
    }

    @Query("refund")
    @Description("The merchant's refund with this id.")
    public Uni<RefundNode> refund(@NonNull @Name("id") String id) {
        return resolvers.query("", merchant -> refunds.find(merchant.id(), id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("refund"))
                .map(r -> new RefundNode(RefundView.of(r))));
    }

    @Query("refunds")
    @Description("The merchant's refunds, newest first.")
    public Uni<@NonNull RefundConnection> refunds(@Name("filter") Inputs.RefundFilter filter, @Name("first") Integer first,
            @Name("after") String after) {
        return resolvers.query("", merchant -> {
            int size = Connections.first(first);
            String cursor = Connections.after(after, "rfnd_");
            Inputs.RefundFilter f = filter == null ? new Inputs.RefundFilter() : filter;
            if (f.status != null && !f.status.matches("pending|processed|failed")) {
                throw ApiException.badRequest("status must be one of pending, processed, failed.", "filter.status");
            }
            return refunds.list(merchant.id(), f.paymentId, f.status, cursor, size + 1)
                    .map(rows -> new RefundConnection(Connections.page(rows, size, after,
                            r -> new RefundNode(RefundView.of(r)), RefundNode::id)));
        });
    }
}
