package dev.payrail.merchant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.webhook.SsrfGuard;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@APIResponse(responseCode = "401", ref = "Unauthorized")
@Path("/admin/v1/merchants")
@Tag(name = "Admin")
public class AdminMerchantResource {

    private final MerchantService service;
    private final MerchantRepository merchants;
    private final SsrfGuard guard;

    AdminMerchantResource(MerchantService service, MerchantRepository merchants, SsrfGuard guard) {
        this.service = service;
        this.merchants = merchants;
        this.guard = guard;
    }

    @Operation(summary = "Create a merchant", description = "Returns its API key, API secret and webhook secret; the secrets are shown only here.")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateMerchantRequest.class), examples = @ExampleObject(name = "example", value = "{\"name\":\"Acme\",\"email\":\"payments@acme.example\",\"webhook_url\":\"https://acme.example/hooks\"}")))
    @APIResponse(responseCode = "201", description = "The merchant and its credentials.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MerchantCredentials.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @POST
    @dev.payrail.idempotency.Idempotent
    public Uni<Response> create(@Valid @NotNull CreateMerchantRequest request) {
        Uni<Void> check = request.webhookUrl() == null ? Uni.createFrom().voidItem()
                : guard.checkRegistration(request.webhookUrl()).onFailure(SsrfGuard.RefusedException.class)
                        .transform(e -> ApiException.badRequest("webhook_url refused: " + e.getMessage() + ".", "webhook_url"));
        return check.chain(() -> service.create(request)).map(c -> Response.status(201).entity(c).build());
    }

    @Operation(summary = "List merchants", description = "Paginated with limit and starting_after.")
    @APIResponse(responseCode = "200", description = "A page of merchants.", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = "MerchantList"), examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":["
                    + MerchantView.EXAMPLE + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<MerchantView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "mer_");
        return merchants.page(cursor, size + 1).map(rows -> ListResponse.of(rows, size, MerchantView::of, MerchantView::id));
    }

    @Operation(summary = "Retrieve a merchant", description = "Any merchant by id, with its keys' ids but never a secret.")
    @APIResponse(responseCode = "200", description = "The merchant.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MerchantView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<MerchantView> get(@PathParam("id") String id) {
        return service.require(id).map(MerchantView::of);
    }

    @Operation(summary = "Rotate a merchant's API secret", description = "The new secret is shown only in this response; the old one stops working at once.")
    @APIResponse(responseCode = "200", description = "The merchant and its new credentials.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MerchantCredentials.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Path("/{id}/rotate-secret")
    public Uni<MerchantCredentials> rotate(@PathParam("id") String id) {
        return service.rotateSecret(id);
    }

    /**
     * Overrides the merchant's API rate limit: {@code {"per_second": 50, "burst": 100}}; a
     * {@code null} body or both fields {@code null} go back to the configured default.
     */
    @Operation(summary = "Override a merchant's rate limit", description = "per_second and burst set an override; both null reset to the configured default.")
    @RequestBody(required = false,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RateLimitOverrideRequest.class), examples = @ExampleObject(name = "example", value = "{\"per_second\":200,\"burst\":400}")))
    @APIResponse(responseCode = "200", description = "The merchant.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MerchantView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @PUT
    @Path("/{id}/rate-limit")
    public Uni<MerchantView> rateLimit(@PathParam("id") String id, @Valid RateLimitOverrideRequest request) {
        return request == null
                ? service.setRateLimit(id, null, null)
                : service.setRateLimit(id, request.perSecond(), request.burst());
    }

    @Operation(summary = "Deactivate a merchant", description = "Its API key stops working.")
    @APIResponse(responseCode = "200", description = "The merchant.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MerchantView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @POST
    @Path("/{id}/deactivate")
    public Uni<MerchantView> deactivate(@PathParam("id") String id) {
        return service.deactivate(id);
    }
}
