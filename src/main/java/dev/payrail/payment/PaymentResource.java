package dev.payrail.payment;

import dev.payrail.connector.PaymentMethodType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.common.Filters;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.common.Problems;
import dev.payrail.idempotency.Idempotent;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/payments")
@Tag(name = "Payments")
public class PaymentResource {

    private final PaymentOrchestrator orchestrator;
    private final PaymentStore payments;
    private final CurrentMerchant merchant;
    private final IdempotencyContext idempotency;

    PaymentResource(PaymentOrchestrator orchestrator, PaymentStore payments, CurrentMerchant merchant,
            IdempotencyContext idempotency) {
        this.orchestrator = orchestrator;
        this.payments = payments;
        this.merchant = merchant;
        this.idempotency = idempotency;
    }

    /**
     * Creates and processes a payment. {@code 201} with the payment when it succeeded, awaits
     * capture, needs customer action or is still processing; {@code 402} problem when declined.
     */
    @POST
    @Idempotent
    public Uni<Response> create(CreatePaymentRequest request, @HeaderParam("Prefer") String prefer) {
        return orchestrator.create(merchant.id(), request, idempotency.key(), idempotency.fingerprint(),
                respondAsync(prefer)).map(created -> {
                    if (created.queued()) {
                        // RFC 7240: accepted, the outcome comes by webhook and GET.
                        return Response.accepted(PaymentView.of(created.payment()))
                                .header("Preference-Applied", "respond-async").header("Vary", "Prefer").build();
                    }
                    Response response = respond(created.payment(), 201);
                    return created.replayed()
                            ? Response.fromResponse(response).header("Idempotent-Replayed", "true").build()
                            : response;
        });
    }

    /** Whether a {@code Prefer} header (RFC 7240) asks for {@code respond-async}. */
    static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String token : prefer.split(",")) {
            String name = token.split(";", 2)[0].trim();
            if (name.equalsIgnoreCase("respond-async")) {
                return true;
            }
        }
        return false;
    }

    static Response respond(Payment p, int successStatus) {
        if (p.status() == PaymentStatus.FAILED && "provider_unavailable".equals(p.errorCode())) {
            return Problems.response(new ApiException(503, "PROVIDER_UNAVAILABLE",
                    "No provider could take the payment; nothing was charged.", null)
                    .with("payment_id", p.id()).with("payment_status", p.status().publicName()));
        }
        if (p.status() == PaymentStatus.FAILED) {
            return Problems.response(new ApiException(402, "PAYMENT_DECLINED",
                    p.errorDescription() == null ? "The payment was declined." : p.errorDescription(), null)
                    .with("decline_code", p.declineCode())
                    .with("provider_error_code", p.errorCode())
                    .with("payment_id", p.id())
                    .with("payment_status", p.status().publicName()));
        }
        return Response.status(successStatus).entity(PaymentView.of(p)).build();
    }

    @GET
    @Path("/{id}")
    public Uni<PaymentView> get(@PathParam("id") String id) {
        String merchantId = merchant.id();
        return orchestrator.require(merchantId, id)
                .chain(p -> payments.attempts(merchantId, p.id()).map(attempts -> PaymentView.of(p, attempts)));
    }

    @GET
    public Uni<ListResponse<PaymentView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("status") String status,
            @QueryParam("method") String method, @QueryParam("provider") String provider,
            @QueryParam("order_id") String orderId, @QueryParam("created_gte") String createdGte,
            @QueryParam("created_lte") String createdLte) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "pay_");
        if (status != null && PaymentStatus.parsePublic(status) == null) {
            throw ApiException.badRequest("Unknown status: " + status + ".", "status");
        }
        if (method != null && PaymentMethodType.parse(method) == null) {
            throw ApiException.badRequest("method must be one of card, upi, wallet, bank_transfer.", "method");
        }
        if (provider != null && !provider.matches("[a-z_]{2,32}")) {
            throw ApiException.badRequest("Unknown provider.", "provider");
        }
        var filter = new PaymentStore.ListFilter(status, method, provider, orderId,
                Filters.instant(createdGte, "created_gte"), Filters.instant(createdLte, "created_lte"));
        return payments.list(merchant.id(), filter, cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, PaymentView::of, PaymentView::id));
    }

    /**
     * {@code 200} captured; {@code 202} {@code capture_pending} when the provider's answer was lost or
     * is pending (the reconciler settles it; never a failure, since the provider may have captured).
     */
    @POST
    @Path("/{id}/capture")
    @Idempotent
    public Uni<Response> capture(@PathParam("id") String id, CaptureRequest request) {
        return orchestrator.capture(merchant.id(), id, request == null ? null : request.amount())
                .map(PaymentResource::settledOrAccepted);
    }

    /** {@code 200} cancelled; {@code 202} {@code cancel_pending}, as for capture. */
    @POST
    @Path("/{id}/cancel")
    @Idempotent
    public Uni<Response> cancel(@PathParam("id") String id) {
        return orchestrator.cancel(merchant.id(), id).map(PaymentResource::settledOrAccepted);
    }

    private static Response settledOrAccepted(Payment p) {
        return Response.status(p.status().isOperationPending() ? 202 : 200).entity(PaymentView.of(p)).build();
    }
}
