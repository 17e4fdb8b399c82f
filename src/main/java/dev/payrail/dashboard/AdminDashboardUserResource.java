package dev.payrail.dashboard;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.payrail.audit.Actor;
import dev.payrail.common.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Creates a merchant's dashboard user from the admin API (bearer token): how a production merchant gets
 * its first admin. The initial password is in the answer only; the user changes it on the dashboard's
 * account page. Further users are invited from the dashboard's team page with a set-password link.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@Path("/admin/v1/merchants/{id}/dashboard-users")
@Tag(name = "Admin")
public class AdminDashboardUserResource {

    /** The user to create. */
    public record CreateRequest(@NotBlank @Size(max = 254) @jakarta.validation.constraints.Email String email,
            @NotNull @jakarta.validation.constraints.Pattern(regexp = "admin|operator|viewer|support") String role) {
    }

    /** The user created, with its initial password (shown only here). */
    @Schema(example = Created.CREATED_EXAMPLE)
    public record Created(String id, @JsonProperty("merchant_id") String merchantId, String email, String role,
            @JsonProperty("initial_password") String initialPassword) {

        /** An example for the OpenAPI document. */
        static final String CREATED_EXAMPLE = "{\"id\":\"usr_5gT2kLq9PzX4cV\",\"merchant_id\":\"mer_4pWoLoxNV6zFdN\",\"email\":\"owner@acme.example\",\"role\":\"admin\",\"initial_password\":\"Vq7m-Lk2p-Zx9w-Rt4c\"}";

    }

    private final UserStore users;
    private final Passwords passwords;
    private final AuditTrail audit;
    private final Pool pool;

    AdminDashboardUserResource(UserStore users, Passwords passwords, AuditTrail audit, Pool pool) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.pool = pool;
    }

    @Operation(summary = "Create a dashboard user", description = "Creates a dashboard user of the merchant with a role "
            + "(admin, operator, viewer, support) and a random initial password, returned only in this answer (the user "
            + "changes it on the dashboard's account page). Further users are invited from the dashboard's team page.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CreateRequest.class),
            examples = @ExampleObject(name = "example", value = "{\"email\":\"owner@acme.example\",\"role\":\"admin\"}")))
    @APIResponse(responseCode = "201", description = "The user and its initial password.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Created.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "A dashboard user with this email exists.", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @POST
    public Uni<Response> create(@PathParam("id") String merchantId, @Valid @NotNull CreateRequest request) {
        return pool.preparedQuery("SELECT 1 FROM merchants WHERE id = $1").execute(Tuple.of(merchantId)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().failure(ApiException.notFound("merchant"));
            }
            String password = Passwords.newPassword();
            Role role = Role.of(request.role());
            return passwords.hash(password).chain(hash -> users.create(merchantId, request.email().trim(), role, hash))
                    .call(u -> audit.write(Actor.admin().type(), Actor.admin().id(), merchantId, null,
                            "dashboard.user_created", u.id(), u.email() + " as " + role.code()))
                    .map(u -> Response.status(201)
                            .entity(new Created(u.id(), merchantId, u.email(), role.code(), password)).build());
        });
    }
}
