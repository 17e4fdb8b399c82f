package dev.payrail.connector.paypal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** PayPal Orders v2. Every POST carries a {@code PayPal-Request-Id}. */
@RegisterRestClient(configKey = "paypal")
@Path("/v2/checkout/orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface PayPalOrdersApi {

    @POST
    Uni<RestResponse<String>> create(@HeaderParam("Authorization") String bearer,
            @HeaderParam("PayPal-Request-Id") String requestId, @HeaderParam("Prefer") String prefer, String body);

    @GET
    @Path("/{id}")
    Uni<RestResponse<String>> get(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @POST
    @Path("/{id}/authorize")
    Uni<RestResponse<String>> authorize(@HeaderParam("Authorization") String bearer,
            @HeaderParam("PayPal-Request-Id") String requestId, @HeaderParam("Prefer") String prefer,
            @PathParam("id") String id, String body);

    @POST
    @Path("/{id}/capture")
    Uni<RestResponse<String>> capture(@HeaderParam("Authorization") String bearer,
            @HeaderParam("PayPal-Request-Id") String requestId, @HeaderParam("Prefer") String prefer,
            @PathParam("id") String id, String body);
}
