package dev.payrail.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.payrail.common.ApiException;
import dev.payrail.payment.CreatePaymentRequest;
import dev.payrail.payment.PaymentFailures;
import dev.payrail.payment.PaymentOrchestrator;
import dev.payrail.payment.PaymentStore;
import dev.payrail.payment.PaymentView;
import dev.payrail.refund.RefundStore;
import dev.payrail.refund.RefundView;
import io.smallrye.mutiny.Uni;

/**
 * Payments over GraphQL, through the services the REST {@code PaymentResource} calls, the same way:
 * {@link PaymentOrchestrator} for every operation, {@link PaymentStore} for reads, every read scoped to
 * the authenticated merchant (another merchant's payment is {@code NOT_FOUND_ERROR}). A payment's
 * refunds, attempts and events are loaded for all the payments of a response in one query each.
 */
@GraphQLApi
public class PaymentGraph {

    private final Resolvers resolvers;
    private final PaymentOrchestrator orchestrator;
    private final PaymentStore payments;
    private final RefundStore refunds;

    PaymentGraph(Resolvers resolvers, PaymentOrchestrator orchestrator, PaymentStore payments, RefundStore refunds) {
        this.resolvers = resolvers;
        this.orchestrator = orchestrator;
        this.payments = payments;
        this.refunds = refunds;
    }

    @Query("payment")
    @Description("The merchant's payment with this id.")
    public Uni<PaymentNode> payment(@NonNull @Name("id") String id) {
        return resolvers.query("", merchant -> orchestrator.require(merchant.id(), id)
                .map(p -> new PaymentNode(PaymentView.of(p), merchant.id())));
    }

    @Query("payments")
    @Description("The merchant's payments, newest first.")
    public Uni<@NonNull PaymentConnection> payments(@Name("filter") Inputs.PaymentFilter filter, @Name("first") Integer first,
            @Name("after") String after) {
        return resolvers.query("", merchant -> {
            int size = Connections.first(first);
            String cursor = Connections.after(after, "pay_");
            Inputs.PaymentFilter f = filter == null ? new Inputs.PaymentFilter() : filter;
            PaymentStore.ListFilter listFilter;
            try {
                listFilter = PaymentStore.ListFilter.parse(f.status, f.method, f.provider, f.orderId, f.createdGte,
                        f.createdLte);
            } catch (ApiException e) {
                throw ApiException.badRequest(e.getMessage(), e.param() == null ? "filter" : "filter." + e.param());
            }
            return payments.list(merchant.id(), listFilter, cursor, size + 1)
                    .map(rows -> new PaymentConnection(Connections.page(rows, size, after,
                            p -> new PaymentNode(PaymentView.of(p), merchant.id()), PaymentNode::id)));
        });
    }

    @Mutation("initiatePayment")
    @Description("Creates and processes a payment (REST: POST /api/v1/payments). Send an Idempotency-Key header to "
            + "retry safely. A decline is an error with code PAYMENT_DECLINED and the payment's id in its extensions.")
    public Uni<@NonNull PaymentNode> initiatePayment(@NonNull @Name("input") Inputs.InitiatePayment input,
            @Name("tenantId") @Description("If given, must be the authenticated merchant's id.") String tenantId) {
        String merchantId = resolvers.merchantIdOrNull();
        return resolvers.mutate("initiatePayment", tenantId, "input", input, PaymentView.class, (merchant, keyed) -> {
            CreatePaymentRequest request = PaymentInputMapping.toRequest(input);
            return orchestrator.create(merchant.id(), request, keyed.key(), keyed.fingerprint(), false).map(created -> {
                ApiException failure = PaymentFailures.of(created.payment());
                if (failure != null) {
                    throw failure;
                }
                return PaymentView.of(created.payment());
            });
        }).map(view -> new PaymentNode(view, merchantId));
    }

    @Mutation("completePayment")
    @Description("Completes a payment whose payer came back from a redirect or QR flow: the provider is asked now and "
            + "its answer settles the payment. A payment not waiting on its provider is returned as it is.")
    public Uni<@NonNull PaymentNode> completePayment(@NonNull @Name("paymentId") String paymentId) {
        return payment("completePayment", paymentId, null,
                merchantId -> orchestrator.complete(merchantId, paymentId));
    }

    @Mutation("capturePayment")
    @Description("Captures all (no amount) or part of an authorized payment (REST: POST /api/v1/payments/{id}/capture).")
    public Uni<@NonNull PaymentNode> capturePayment(@NonNull @Name("paymentId") String paymentId,
            @Name("amount") @Description("Minor units as a string of digits; absent: the whole authorized amount.") String amount) {
        return payment("capturePayment", paymentId, amount,
                merchantId -> orchestrator.capture(merchantId, paymentId, Amounts.parse(amount, "amount")));
    }

    @Mutation("cancelPayment")
    @Description("Voids an authorized payment (REST: POST /api/v1/payments/{id}/cancel).")
    public Uni<@NonNull PaymentNode> cancelPayment(@NonNull @Name("paymentId") String paymentId) {
        return payment("cancelPayment", paymentId, null, merchantId -> orchestrator.cancel(merchantId, paymentId));
    }

    private Uni<PaymentNode> payment(String operation, String paymentId, String amount,
            Function<String, Uni<dev.payrail.payment.Payment>> work) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("payment_id", paymentId);
        args.put("amount", amount);
        String merchantId = resolvers.merchantIdOrNull();
        return resolvers.mutate(operation, null, "", args, PaymentView.class,
                (merchant, keyed) -> work.apply(merchant.id()).map(PaymentView::of))
                .map(view -> new PaymentNode(view, merchantId));
    }

    @Description("The payment's refunds, newest first.")
    public Uni<List<@NonNull List<@NonNull RefundNode>>> refunds(@Source List<PaymentNode> of) {
        return batch(of, ids -> refunds.forPayments(merchantOf(of), ids), r -> r.paymentId(),
                r -> new RefundNode(RefundView.of(r)));
    }

    @Description("The provider calls made for the payment, oldest first.")
    public Uni<List<@NonNull List<@NonNull AttemptNode>>> attempts(@Source List<PaymentNode> of) {
        return batch(of, ids -> payments.attempts(merchantOf(of), ids), a -> a.paymentId(), AttemptNode::new);
    }

    @Description("The payment's event log (what its webhooks announce), oldest first.")
    public Uni<List<@NonNull List<@NonNull EventNode>>> events(@Source List<PaymentNode> of) {
        return batch(of, ids -> payments.events(merchantOf(of), ids), e -> e.paymentId(), EventNode::new);
    }

    private static String merchantOf(List<PaymentNode> of) {
        return of.isEmpty() ? null : of.get(0).merchantId;
    }

    /** One query for the children of every payment of the response, handed back payment by payment. */
    private static <R, N> Uni<List<List<N>>> batch(List<PaymentNode> of, Function<List<String>, Uni<List<R>>> load,
            Function<R, String> parent, Function<R, N> node) {
        if (of.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = of.stream().map(PaymentNode::id).distinct().toList();
        return load.apply(ids).map(rows -> {
            Map<String, List<N>> byParent = new LinkedHashMap<>();
            for (R row : rows) {
                byParent.computeIfAbsent(parent.apply(row), k -> new ArrayList<>()).add(node.apply(row));
            }
            return of.stream().map(p -> byParent.getOrDefault(p.id(), List.of())).toList();
        });
    }
}
