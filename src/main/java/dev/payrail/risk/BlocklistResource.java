package dev.payrail.risk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.DELETE;
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
import dev.payrail.common.Ids;
import dev.payrail.common.ListResponse;
import dev.payrail.common.Pagination;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/risk/blocklist}: the merchant's block list (card fingerprints, e-mails, IPs, BINs). */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/risk/blocklist")
@Tag(name = "Risk")
public class BlocklistResource {

    private static final String EXAMPLE = "{\"id\":\"rbl_5gT2kLq9PzX4cV\",\"object\":\"blocklist_entry\","
            + "\"type\":\"email\",\"value\":\"fraud@example.com\",\"note\":\"chargebacks\",\"created_at\":\"2026-01-15T10:00:00Z\"}";

    private final RiskStore store;
    private final CurrentMerchant merchant;

    BlocklistResource(RiskStore store, CurrentMerchant merchant) {
        this.store = store;
        this.merchant = merchant;
    }

    @Operation(summary = "Add a block-list entry", description = "A payment matching an entry is blocked (decline_code "
            + "fraudulent) without calling the provider. type is card_fingerprint, email, ip or bin. An entry that "
            + "already exists is 409.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = BlocklistRequest.class), examples = @ExampleObject(name = "example",
                    value = "{\"type\":\"email\",\"value\":\"fraud@example.com\",\"note\":\"chargebacks\"}")))
    @APIResponse(responseCode = "201", description = "The entry.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = BlocklistView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    public Uni<Response> create(BlocklistRequest request) {
        if (request == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        String type = BlocklistEntry.requireType(request.type(), "type");
        String value = BlocklistEntry.normalize(type, request.value());
        if (request.note() != null && request.note().length() > 500) {
            throw ApiException.badRequest("note is at most 500 characters.", "note");
        }
        BlocklistEntry entry = new BlocklistEntry(Ids.newId("rbl_"), "blocklist_entry", merchant.id(), type, value,
                request.note(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        return store.insertEntry(entry).map(saved -> {
            if (saved == null) {
                throw new ApiException(409, "CONFLICT", "This " + type + " is already on the block list.", "value");
            }
            return Response.status(201).entity(BlocklistView.of(saved)).build();
        });
    }

    @Operation(summary = "List block-list entries", description = "Newest first, paginated with limit and starting_after; "
            + "type filters by kind.")
    @APIResponse(responseCode = "200", description = "A page of entries.", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = "BlocklistList"), examples = @ExampleObject(name = "example", value = "{\"object\":\"list\",\"data\":[" + EXAMPLE
                    + "],\"has_more\":false}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Uni<ListResponse<BlocklistView>> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter, @QueryParam("type") String type) {
        int size = Pagination.limit(limit);
        String cursor = Pagination.cursor(startingAfter, "rbl_");
        String kind = type == null ? null : BlocklistEntry.requireType(type, "type");
        return store.listEntries(merchant.id(), kind, cursor, size + 1)
                .map(rows -> ListResponse.of(rows, size, BlocklistView::of, BlocklistView::id));
    }

    @Operation(summary = "Retrieve a block-list entry", description = "One entry of the merchant's block list.")
    @APIResponse(responseCode = "200", description = "The entry.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = BlocklistView.class), examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{id}")
    public Uni<BlocklistView> get(@PathParam("id") String id) {
        return store.findEntry(merchant.id(), id).map(e -> {
            if (e == null) {
                throw ApiException.notFound("blocklist_entry");
            }
            return BlocklistView.of(e);
        });
    }

    @Operation(summary = "Delete a block-list entry", description = "Payments matching it are no longer blocked by it.")
    @APIResponse(responseCode = "200", description = "Deleted.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = BlocklistView.Deleted.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"rbl_5gT2kLq9PzX4cV\",\"object\":\"blocklist_entry\",\"deleted\":true}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @DELETE
    @Path("/{id}")
    public Uni<BlocklistView.Deleted> delete(@PathParam("id") String id) {
        return store.deleteEntry(merchant.id(), id).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("blocklist_entry");
            }
            return new BlocklistView.Deleted(id, "blocklist_entry", true);
        });
    }
}
