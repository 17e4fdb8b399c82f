package dev.payrail.connector.braintree;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * Braintree's XML gateway API as far as Payrail uses it: every path under
 * {@code /merchants/{merchant_id}}, HTTP Basic {@code public_key:private_key}, {@code X-ApiVersion: 6},
 * XML in and out, raw {@link Response}s so that {@code <api-error-response>} documents (422) are read.
 */
@RegisterRestClient(configKey = "braintree")
@Path("/merchants/{merchantId}/transactions")
@ClientHeaderParam(name = "X-ApiVersion", value = BraintreeApi.API_VERSION)
@Produces(MediaType.APPLICATION_XML)
interface BraintreeApi {

    String AUTH = "Authorization";
    String API_VERSION = "6";

    @POST
    @Consumes(MediaType.APPLICATION_XML)
    Uni<Response> sale(@HeaderParam(AUTH) String auth, @PathParam("merchantId") String merchantId, String xml);

    @GET
    @Path("/{id}")
    Uni<Response> find(@HeaderParam(AUTH) String auth, @PathParam("merchantId") String merchantId,
            @PathParam("id") String id);

    @PUT
    @Path("/{id}/submit_for_settlement")
    @Consumes(MediaType.APPLICATION_XML)
    Uni<Response> submitForSettlement(@HeaderParam(AUTH) String auth, @PathParam("merchantId") String merchantId,
            @PathParam("id") String id, String xml);

    @PUT
    @Path("/{id}/void")
    @Consumes(MediaType.APPLICATION_XML)
    Uni<Response> voidTransaction(@HeaderParam(AUTH) String auth, @PathParam("merchantId") String merchantId,
            @PathParam("id") String id, String xml);

    @POST
    @Path("/{id}/refund")
    @Consumes(MediaType.APPLICATION_XML)
    Uni<Response> refund(@HeaderParam(AUTH) String auth, @PathParam("merchantId") String merchantId,
            @PathParam("id") String id, String xml);

    @POST
    @Path("/advanced_search_ids")
    @Consumes(MediaType.APPLICATION_XML)
    Uni<Response> searchIds(@HeaderParam(AUTH) String auth, @PathParam("merchantId") String merchantId, String xml);

    @POST
    @Path("/advanced_search")
    @Consumes(MediaType.APPLICATION_XML)
    Uni<Response> search(@HeaderParam(AUTH) String auth, @PathParam("merchantId") String merchantId, String xml);
}
