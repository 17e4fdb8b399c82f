package dev.payrail.payment;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.common.Problems;
import dev.payrail.idempotency.Idempotent;
import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
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
    @Operation(summary = "Create a payment", description = "Creates and processes a payment, for an order (order_id) or one-step (amount and currency). 201 when it succeeded, awaits capture, needs customer action (next_action) or is processing; 202 with Prefer: respond-async; 402 problem when declined. Send an Idempotency-Key to retry safely. Cards on file: customer (cus_…) with save_payment_method true saves the card; payment_method (pm_…) charges a saved card at the provider that issued it (off_session true: merchant-initiated); an unknown customer or payment method is 404.")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreatePaymentRequest.class), examples = @ExampleObject(name = "example", description = "A one-step bank transfer. A card payment has "
                    + "method card and card {number, expiry_month, expiry_year, cvc}; the sandbox's test numbers are in "
                    + "docs/connectors.md (simulator) and each provider's page.",
                    value = "{\"amount\":1999,\"currency\":\"EUR\",\"method\":\"bank_transfer\",\"metadata\":{\"cart\":\"c_123\"}}")))
    @APIResponse(responseCode = "201", description = "The payment (captured, authorized, requires_action or processing).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"pay_3kq9XwV2mT8bZr\",\"object\":\"payment\",\"order_id\":\"order_7Hs2kLq0PzX4cV\",\"amount\":1999,\"currency\":\"USD\",\"status\":\"captured\",\"method\":\"card\",\"card\":{\"brand\":\"visa\",\"last4\":\"4242\",\"expiry_month\":12,\"expiry_year\":2030},\"capture_method\":\"automatic\",\"provider\":\"simulator\",\"provider_reference\":\"sim_ch_9aQ2\",\"amount_authorized\":1999,\"amount_captured\":1999,\"amount_refunded\":0,\"amount_refund_pending\":0,\"metadata\":{\"cart\":\"c_123\"},\"version\":2,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}")))
    @APIResponse(responseCode = "202", description = "Accepted for asynchronous processing (Prefer: respond-async); the outcome comes by webhook and GET.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "402", ref = "PaymentDeclined")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
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
        ApiException failure = PaymentFailures.of(p);
        if (failure != null) {
            return Problems.response(failure);
        }
        return withView(successStatus, p);
    }

    /**
     * {@code status} with the payment's view: the bytes this request wrote into the payment's event when the view
     * is the same ({@link WrittenViews}), else the view to serialise.
     */
    private static Response withView(int status, Payment p) {
        PaymentView view = PaymentView.of(p);
        String written = WrittenViews.json(view);
        return written != null ? Response.status(status).entity(written).type(MediaType.APPLICATION_JSON_TYPE).build()
                : Response.status(status).entity(view).build();
    }

    @Operation(summary = "Retrieve a payment", description = "The payment with its provider attempts.")
    @APIResponse(responseCode = "200", description = "The payment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"pay_3kq9XwV2mT8bZr\",\"object\":\"payment\",\"order_id\":\"order_7Hs2kLq0PzX4cV\",\"amount\":1999,\"currency\":\"USD\",\"status\":\"captured\",\"method\":\"card\",\"card\":{\"brand\":\"visa\",\"last4\":\"4242\",\"expiry_month\":12,\"expiry_year\":2030},\"capture_method\":\"automatic\",\"provider\":\"simulator\",\"provider_reference\":\"sim_ch_9aQ2\",\"amount_authorized\":1999,\"amount_captured\":1999,\"amount_refunded\":0,\"amount_refund_pending\":0,\"metadata\":{\"cart\":\"c_123\"},\"version\":2,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<PaymentView> get(@PathParam("id") String id) {
        String merchantId = merchant.id();
        return orchestrator.require(merchantId, id)
                .chain(p -> payments.attempts(merchantId, p.id()).map(attempts -> PaymentView.of(p, attempts)));
    }

    @Operation(summary = "List payments", description = "Newest first, paginated with limit and starting_after; filters by status, method, provider, order and creation time.")
    @APIResponse(responseCode = "200", description = "A page of payments.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PaymentList"), examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":[{\"id\":\"pay_3kq9XwV2mT8bZr\",\"object\":\"payment\",\"order_id\":\"order_7Hs2kLq0PzX4cV\",\"amount\":1999,\"currency\":\"USD\",\"status\":\"captured\",\"method\":\"card\",\"card\":{\"brand\":\"visa\",\"last4\":\"4242\",\"expiry_month\":12,\"expiry_year\":2030},\"capture_method\":\"automatic\",\"provider\":\"simulator\",\"provider_reference\":\"sim_ch_9aQ2\",\"amount_authorized\":1999,\"amount_captured\":1999,\"amount_refunded\":0,\"amount_refund_pending\":0,\"metadata\":{\"cart\":\"c_123\"},\"version\":2,\"created_at\":\"2026-01-15T10:00:00Z\",\"updated_at\":\"2026-01-15T10:00:00Z\"}],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<PaymentView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("status") String status,
            @QueryParam("method") String method, @QueryParam("provider") String provider,
            @QueryParam("order_id") String orderId, @QueryParam("created_gte") String createdGte,
            @QueryParam("created_lte") String createdLte) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "pay_");
        var filter = PaymentStore.ListFilter.parse(status, method, provider, orderId, createdGte, createdLte);
        return payments.list(merchant.id(), filter, cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, PaymentView::of, PaymentView::id));
    }

    /**
     * {@code 200} captured; {@code 202} {@code capture_pending} when the provider's answer was lost or
     * is pending (the reconciler settles it; never a failure, since the provider may have captured).
     */
    @Operation(summary = "Capture an authorized payment", description = "Captures all (no amount) or part of an authorized payment. 200 captured; 202 capture_pending when the provider has not answered yet (the reconciler settles it).")
    @RequestBody(required = false,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CaptureRequest.class), examples = @ExampleObject(name = "example", value = "{\"amount\":1500}")))
    @APIResponse(responseCode = "200", description = "The captured payment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "202", description = "Capture pending at the provider.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/{id}/capture")
    @Idempotent
    public Uni<Response> capture(@PathParam("id") String id, CaptureRequest request) {
        return orchestrator.capture(merchant.id(), id, request == null ? null : request.amount())
                .map(PaymentResource::settledOrAccepted);
    }

    /** {@code 200} cancelled; {@code 202} {@code cancel_pending}, as for capture. */
    @Operation(summary = "Cancel (void) an authorized payment", description = "200 cancelled; 202 cancel_pending when the provider has not answered yet.")
    @APIResponse(responseCode = "200", description = "The cancelled payment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "202", description = "Cancel pending at the provider.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("/{id}/cancel")
    @Idempotent
    public Uni<Response> cancel(@PathParam("id") String id) {
        return orchestrator.cancel(merchant.id(), id).map(PaymentResource::settledOrAccepted);
    }

    /** {@code 200} with the payment, or {@code 202} while the provider has not answered the operation yet. */
    static Response settledOrAccepted(Payment p) {
        return withView(p.status().isOperationPending() ? 202 : 200, p);
    }
}
