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

    @POST
    @dev.payrail.idempotency.Idempotent
    public Uni<Response> create(@Valid @NotNull CreateMerchantRequest request) {
        Uni<Void> check = request.webhookUrl() == null ? Uni.createFrom().voidItem()
                : guard.checkRegistration(request.webhookUrl()).onFailure(SsrfGuard.RefusedException.class)
                        .transform(e -> ApiException.badRequest("webhook_url refused: " + e.getMessage() + ".", "webhook_url"));
        return check.chain(() -> service.create(request)).map(c -> Response.status(201).entity(c).build());
    }

    @GET
    public Uni<ListResponse<MerchantView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "mer_");
        return merchants.page(cursor, size + 1).map(rows -> ListResponse.of(rows, size, MerchantView::of, MerchantView::id));
    }

    @GET
    @Path("/{id}")
    public Uni<MerchantView> get(@PathParam("id") String id) {
        return service.require(id).map(MerchantView::of);
    }

    @POST
    @Path("/{id}/rotate-secret")
    public Uni<MerchantCredentials> rotate(@PathParam("id") String id) {
        return service.rotateSecret(id);
    }

    /**
     * Overrides the merchant's API rate limit: {@code {"per_second": 50, "burst": 100}}; a
     * {@code null} body or both fields {@code null} go back to the configured default.
     */
    @PUT
    @Path("/{id}/rate-limit")
    public Uni<MerchantView> rateLimit(@PathParam("id") String id, @Valid RateLimitOverrideRequest request) {
        return request == null
                ? service.setRateLimit(id, null, null)
                : service.setRateLimit(id, request.perSecond(), request.burst());
    }

    @POST
    @Path("/{id}/deactivate")
    public Uni<MerchantView> deactivate(@PathParam("id") String id) {
        return service.deactivate(id);
    }
}
