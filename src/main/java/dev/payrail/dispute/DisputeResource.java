package dev.payrail.dispute;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.connector.DisputeDetails;
import dev.payrail.idempotency.Idempotent;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/disputes")
@Tag(name = "Disputes")
public class DisputeResource {

    static final String EXAMPLE = "{\"id\":\"dp_7Hq2LmX9vB4nTz\",\"object\":\"dispute\",\"payment_id\":\"pay_3kq9XwV2mT8bZr\","
            + "\"provider\":\"stripe\",\"provider_dispute_id\":\"du_1QxYz2AbCdEf\",\"reason\":\"fraudulent\",\"amount\":5000,"
            + "\"currency\":\"USD\",\"status\":\"needs_response\",\"evidence_due_by\":\"2026-01-30T23:59:59Z\","
            + "\"funds_withdrawn\":5000,\"funds_reinstated\":0,\"evidence\":{},\"created_at\":\"2026-01-15T10:05:00Z\","
            + "\"updated_at\":\"2026-01-15T10:05:00Z\"}";

    private final DisputeStore disputes;
    private final DisputeActions actions;
    private final CurrentMerchant merchant;

    DisputeResource(DisputeStore disputes, DisputeActions actions, CurrentMerchant merchant) {
        this.disputes = disputes;
        this.actions = actions;
        this.merchant = merchant;
    }

    @Operation(summary = "List disputes", description = "The merchant's disputes, newest first. Filter by status or payment_id; page with starting_after.")
    @APIResponse(responseCode = "200", description = "A page of disputes.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DisputeList"), examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":[" + EXAMPLE + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<DisputeView>> list(@QueryParam("status") String status, @QueryParam("payment_id") String paymentId,
            @QueryParam("limit") String limit, @QueryParam("starting_after") String startingAfter) {
        int max = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "dp_");
        if (status != null && !DisputeDetails.STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of " + new java.util.TreeSet<>(DisputeDetails.STATUSES) + ".",
                    "status");
        }
        if (paymentId != null && !paymentId.matches("pay_[A-Za-z0-9]{1,60}")) {
            throw ApiException.badRequest("payment_id must be a payment id.", "payment_id");
        }
        return disputes.list(merchant.id(), status, paymentId, cursor, max)
                .map(rows -> ListResponse.of(rows, max, DisputeView::of, DisputeView::id));
    }

    @Operation(summary = "Retrieve a dispute", description = "One dispute of the merchant, as the provider last reported it.")
    @APIResponse(responseCode = "200", description = "The dispute.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DisputeView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<DisputeView> get(@PathParam("id") String id) {
        return disputes.find(merchant.id(), id).onItem().ifNull().failWith(() -> ApiException.notFound("dispute"))
                .map(DisputeView::of);
    }

    @Operation(summary = "Add evidence to a dispute", description = "Stores evidence fields (named as in Stripe's dispute evidence object) and sends them to the provider where its API takes evidence. Stripe: staged, or submitted with submit=true. PayPal: only submit=true sends them (provide-evidence: tracking as proof of fulfilment, text as notes; document fields are refused with 422 PROVIDER_REJECTED, evidence_not_supported). submit=true submits them for review; a provider without a disputes API in Payrail (Braintree) accepts stored evidence only (submit there: 422 OPERATION_NOT_SUPPORTED). Send an Idempotency-Key to retry safely.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceRequest.class),
            examples = @ExampleObject(name = "example", value = "{\"evidence\":{\"product_description\":\"Annual plan\",\"uncategorized_text\":\"The customer used the service after the charge.\"},\"submit\":true}")))
    @APIResponse(responseCode = "200", description = "The dispute with its evidence.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DisputeView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", description = "The provider does not take evidence through Payrail (OPERATION_NOT_SUPPORTED), or refused it (PROVIDER_REJECTED, with the provider's provider_error_code).",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem"), examples = @ExampleObject(name = "refused", value = "{\"type\":\"https://payrail.dev/problems/provider-rejected\",\"title\":\"Unprocessable Entity\",\"status\":422,\"detail\":\"Provider paypal refused the request: Evidence cannot be provided for a dispute in status UNDER_REVIEW.\",\"code\":\"PROVIDER_REJECTED\",\"provider\":\"paypal\",\"provider_error_code\":\"action_not_allowed_in_current_state\"}")))
    @APIResponse(responseCode = "503", description = "The provider did not answer.", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @POST
    @Path("/{id}/evidence")
    @Idempotent
    public Uni<Response> evidence(@PathParam("id") String id, EvidenceRequest request) {
        return actions.evidence(merchant.id(), id, request).map(d -> Response.ok(DisputeView.of(d)).build());
    }

    @Operation(summary = "Accept a dispute", description = "Concedes the dispute at the provider (Stripe: close; PayPal: accept-claim with a full refund to the buyer); it becomes lost. Providers without a disputes API in Payrail (Braintree): 422 OPERATION_NOT_SUPPORTED. Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "200", description = "The dispute, lost.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DisputeView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", description = "The provider does not take acceptances through Payrail (OPERATION_NOT_SUPPORTED), or refused it (PROVIDER_REJECTED, with the provider's provider_error_code).",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "The provider did not answer.", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @POST
    @Path("/{id}/accept")
    @Idempotent
    public Uni<Response> accept(@PathParam("id") String id) {
        return actions.accept(merchant.id(), id).map(d -> Response.ok(DisputeView.of(d)).build());
    }
}
